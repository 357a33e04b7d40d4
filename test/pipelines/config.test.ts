import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig, routeOf } from '../../pipelines/config';

function problems(raw: unknown, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfig(raw, 'x.json', env);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
}

describe('config', () => {
  it('fills defaults for an empty config', () => {
    const c = parseConfig({}, '(defaults)', {});
    expect(c.crawl).toMatchObject({ maxPages: 5000, perOrigin: 2, perIp: 6, respectRobots: true });
    expect(c.store).toBe('.xunjian/xunjian.db');
    expect(c.userAgent.productToken).toBe('XunjianBot');
  });
  it('names unknown keys and wrong types by path, all at once', () => {
    expect(problems({ crawl: { maxPages: 'many', maxPagse: 3 }, sites: [{ id: 'A B', name: 'n', urls: ['ftp://x'] }] }).sort()).toEqual([
      '/crawl/maxPages: must be integer',
      '/crawl: unknown key "maxPagse"',
      '/sites/0/id: must match pattern "^[a-z0-9][a-z0-9_-]*$"',
      '/sites/0/urls/0: must match pattern "^https?://"',
    ]);
  });
  it('resolves ${VAR} from the environment and names a missing one', () => {
    const c = parseConfig({ sinks: { out: { type: 'file', path: '${OUT_DIR}/r.json' } } }, 'x', { OUT_DIR: '/tmp/o' });
    expect(c.sinks['out']!.path).toBe('/tmp/o/r.json');
    expect(problems({ sinks: { out: { type: 'file', path: '${NOPE}/r.json' } } })).toEqual(['/sinks/out/path: environment variable NOPE is not set']);
  });
  it('checks references between sites, pipelines and sinks', () => {
    expect(
      problems({
        sites: [{ id: 'a', name: 'A', urls: ['https://a.gov.cn/'] }, { id: 'a', name: 'A2', urls: ['https://b.gov.cn/'] }],
        pipelines: [{ id: 'p', site: 'zz', source: { crawl: true, export: 'x.jsonl' }, sinks: ['nope'] }],
      }),
    ).toEqual([
      '/sites/1/id: duplicate site id "a"',
      '/pipelines/0/site: no site with id "zz"',
      '/pipelines/0/sinks/0: no sink named "nope"',
      '/pipelines/0/source: needs exactly one of crawl, export, dir, git, command, probe, lookalikes, account (has crawl, export)',
    ]);
  });
  it('checks government accounts and the pipelines that read them', () => {
    expect(
      problems({
        sites: [{ id: 'a', name: 'A', urls: ['https://a.gov.cn/'] }],
        accounts: [{ id: 'fb', name: '发布', feed: 'https://rsshub.example/wechat/x', site: 'zz' }, { id: 'fb', name: '发布2', feed: 'f.xml' }],
        pipelines: [{ id: 'p', site: 'a', source: { account: 'nope' } }],
      }),
    ).toEqual([
      '/accounts/0/site: no site with id "zz"',
      '/accounts/1/id: duplicate account id "fb"',
      '/pipelines/0/source/account: no account with id "nope"',
    ]);
    expect(problems({ accounts: [{ id: 'fb', name: '发布', feed: 'f.xml', staleDays: 0 }] })).toEqual(['/accounts/0/staleDays: must be >= 1']);
  });
  it('routes an account\'s issues to its own sinks per duty, the other duties as issues.routing says', () => {
    const c = parseConfig({
      evidence: { dir: 'ev' },
      sinks: { web: { type: 'local' }, xmt: { type: 'local' } },
      issues: { routing: { content: { sinks: ['web'] }, operations: { sinks: ['web'] } } },
      accounts: [{ id: 'fb', name: '发布', feed: 'f.xml', routing: { content: { sinks: ['xmt'], labels: ['新媒体'] } } }],
    }, 'x', {});
    expect(routeOf(c.issues, { duty: 'content', key: 'account-fb|wording|content' })).toMatchObject({ sinks: ['xmt'], labels: ['新媒体'] });
    expect(routeOf(c.issues, { duty: 'operations', key: 'account-fb|newmedia|operations' })).toMatchObject({ sinks: ['web'] });
    expect(routeOf(c.issues, { duty: 'content', key: 'gxzf|wording|content' })).toMatchObject({ sinks: ['web'] });
    expect(problems({ accounts: [{ id: 'fb', name: '发布', feed: 'f.xml', routing: { content: { sinks: ['nope'] } } }] })).toEqual(['/accounts/0/routing/content/sinks/0: no sink named "nope"']);
  });
  it('rejects an include/exclude pattern whose backtracking has no bound, and takes the usual ones', () => {
    expect(problems({ crawl: { exclude: ['\\.pdf$', '.*\\.(?:jpg|png)$', '/search\\?'] }, sites: [{ id: 's', name: 'S', urls: ['https://a.gov.cn/'], crawl: { include: ['^https://a\\.gov\\.cn/(\\w+/?)+$'] } }] })).toEqual([
      expect.stringMatching(/^\/sites\/0\/crawl\/include\/0: matching can take time exponential in the length of the text/),
    ]);
  });
  it('rejects an invalid regex in include/exclude', () => {
    expect(problems({ crawl: { exclude: ['(unclosed'] } })).toEqual(['/crawl/exclude/0: must match format "regex"']);
  });
  it('loads JSON and YAML files and names the file in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-cfg-'));
    writeFileSync(join(dir, 'xunjian.config.yaml'), 'crawl:\n  maxPages: 10\nsites:\n  - id: a\n    name: 示范\n    urls: ["https://a.gov.cn/"]\n');
    expect(loadConfig(undefined, dir, {}).crawl.maxPages).toBe(10);
    writeFileSync(join(dir, 'bad.json'), '{"crawl": ');
    expect(() => loadConfig('bad.json', dir, {})).toThrow(/bad\.json: invalid configuration\n {2}not valid JSON/);
    expect(() => loadConfig('missing.json', dir, {})).toThrow(/missing\.json.*cannot read/s);
  });
  it('accepts the example configuration in the README (docs cannot drift from the schema)', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const block = /```json config\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const c = parseConfig(JSON.parse(block![1]!), 'README.md', { GITLAB_TOKEN: 'x', GITEA_TOKEN: 'y', WECOM_KEY: 'z', CMS_EXPORT: '/tmp/e.jsonl' });
    expect(c.sites.length).toBeGreaterThan(0);
    expect(c.pipelines.length).toBeGreaterThan(0);
  });
  it('names each mistake in sinks and issue routing', () => {
    const bad = () => parseConfig({
      sites: [{ id: 's', name: 'S', urls: ['https://a.gov.cn/'] }],
      sinks: { gl: { type: 'gitlab', url: 'https://git.example.gov.cn' }, out: { type: 'stdout' }, files: { type: 'local' } },
      issues: { routing: { secrecy: { sinks: ['gl', 'nope', 'out'] }, nonsense: { sinks: [] } } },
      pipelines: [{ id: 'p', site: 's', source: { crawl: true }, sinks: ['gl'] }],
    }, 'x.json', {});
    expect(bad).toThrow(/\/issues\/routing: unknown key "nonsense"/);
    const ok = { sites: [{ id: 's', name: 'S', urls: ['https://a.gov.cn/'] }], sinks: { gl: { type: 'gitlab', url: 'https://git.example.gov.cn' }, out: { type: 'stdout' }, files: { type: 'local' } } };
    let message = '';
    try {
      parseConfig({ ...ok, issues: { routing: { secrecy: { sinks: ['gl', 'nope', 'out'] } } }, pipelines: [{ id: 'p', site: 's', source: { crawl: true }, sinks: ['gl'] }] }, 'x.json', {});
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('/sinks/gl: type "gitlab" needs "project"');
    expect(message).toContain('/sinks/gl: type "gitlab" needs "token"');
    expect(message).toContain('/sinks/files: a local sink writes into the evidence ledger; set /evidence/dir');
    expect(message).toContain('/issues/routing/secrecy/sinks/1: no sink named "nope"');
    expect(message).toContain('/issues/routing/secrecy/sinks/2: sink "out" is a report sink');
    expect(message).toContain('/pipelines/0/sinks/0: "gl" is an issue sink');
  });
});
