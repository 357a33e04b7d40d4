import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../../pipelines/demo/demo';
import { Progress } from '../../pipelines/progress';
import { silentLogger } from '../../pipelines/log';
import { CHECKS } from '../../checks/registry';

describe('xunjian demo', () => {
  it('crawls the sample site and finds every seeded problem of the families that exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-demo-'));
    const r = await runDemo({ outDir: join(dir, 'out'), storePath: join(dir, 'demo.db'), log: silentLogger, progress: new Progress(false), checks: CHECKS });
    expect(r.status).toBe('complete');
    const out = JSON.parse(readFileSync(join(dir, 'out', 'findings.json'), 'utf8'));
    const byRule = (rule: string) => out.findings.filter((f: { rule: string }) => f.rule === rule);
    // Three on the page (one in a hidden row), two in the spreadsheet's hidden column.
    expect(byRule('privacy.id-card')).toHaveLength(5);
    const hidden = byRule('privacy.id-card').filter((f: { location: { hidden?: boolean } }) => f.location.hidden);
    expect(hidden.map((f: { severity: string }) => f.severity)).toEqual(['critical', 'critical', 'critical']);
    expect(byRule('privacy.id-card').filter((f: { location: { part?: string } }) => f.location.part).map((f: { location: { part: string } }) => f.location.part)).toEqual(['低保对象!C2', '低保对象!C3']);
    expect(byRule('links.broken').map((f: { match: string }) => new URL(f.match).pathname).sort()).toEqual(['/zwdt/202210/t20221010_0500.html', '/zwdt/202301/t20230105_0999.html']);
    expect(byRule('health.charset')).toHaveLength(1);
    // The 找错 widget kept the code of the site whose template was copied; every 网页标签 is in place.
    expect(byRule('health.identity').map((f: { title: string; severity: string }) => [f.severity, /标识码「4501000002」/.test(f.title)])).toEqual([['high', true], ['medium', true]]);
    expect(byRule('health.meta-tags')).toEqual([]);
    expect(byRule('privacy.bank-card').map((f: { match: string }) => f.match)).toEqual(['62************32']);
    expect(byRule('secrecy.marking').map((f: { match: string; severity: string }) => [f.match, f.severity])).toEqual([['机密★1年', 'critical']]);
    expect(byRule('privacy.mobile').map((f: { match: string; location: { part?: string } }) => [f.match, f.location.part ?? null]).sort()).toEqual([
      ['13*******00', null],
      ['13*******78', 'tracked deletions'],
    ]);
    // Every attachment was read: the only errors are the two deleted pages.
    expect(out.errors.map((e: { code: string }) => e.code)).toEqual(['http-404', 'http-404']);
    expect(out.summary).toMatchObject({ pages: 11, documents: 3, skippedUrls: 1 });
    // The platform notice: its internal address and its administrator's password, the password never printed.
    expect(byRule('secrecy.credentials').map((f: { match: string; severity: string }) => [f.match, f.severity])).toEqual([['10***********80', 'high'], ['密码：******', 'high']]);
    expect(out.pages.map((p: { url: string }) => new URL(p.url).pathname)).toContain('/zfxxgk/202611/t20261101_1005.html');
    const article = out.pages.find((p: { url: string }) => p.url.endsWith('/zwdt/202611/t20261120_1001.html'));
    expect(article.publishedAt).toBe('2026-11-20T09:00:00+08:00');
    expect(article.dateSources.map((d: { source: string }) => d.source)).toEqual(['meta:PubDate', 'byline', 'url', 'first-seen']);
    const gbk = out.pages.find((p: { url: string }) => p.url.endsWith('/gbk/t20261101_1006.html'));
    expect(gbk.title).toBe('乡镇动态_示范市人民政府');
    expect(readFileSync(join(dir, 'out', 'report.md'), 'utf8')).toContain('## privacy.id-card');
    // Every finding is its own: a shared id would merge two in the store, the report and the issue.
    const ids = out.findings.map((f: { id: string }) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(readFileSync(join(dir, 'out', 'findings.json'), 'utf8')).not.toMatch(/110105199003071239|51010719850615002X|330106197011110099|6212345678901232|13800000000|13912345678|Sfs@2026/);
    expect(readFileSync(join(dir, 'out', 'report.md'), 'utf8')).not.toMatch(/Sfs@2026/);
  });
});
