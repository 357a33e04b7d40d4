/**
 * Every seeded serious wording error is found whatever the input: an HTML page, a plain-text file
 * and a CMS JSON export, through the CLI. Users' own lists from the config join in, and a broken
 * list is named while the rest still runs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';

const SEEDED: { text: string; rule: string; match: string }[] = [
  { text: '依据中华人民共合国宪法制定本办法。', rule: 'wording.canonical-phrase', match: '中华人民共合国' },
  { text: '深入学习贯彻习近平新时代中国特色社会主意思想。', rule: 'wording.canonical-phrase', match: '习近平新时代中国特色社会主意思想' },
  { text: '全国人民代表大会堂务委员会公告。', rule: 'wording.canonical-phrase', match: '全国人民代表大会堂务委员会' },
  { text: '省委书记杜家豪主持会议。', rule: 'wording.leader-name', match: '杜家豪' },
  { text: '习近平、赵乐际、李强出席大会。', rule: 'wording.leader-order', match: '习近平、赵乐际、李强' },
  { text: '推进“一带一路”战略。', rule: 'wording.banned-term', match: '“一带一路”战略' },
  { text: '开展扫黑险恶专项斗争。', rule: 'wording.canonical-phrase', match: '扫黑险恶' },
  { text: '禁止焚烧秸杆。', rule: 'wording.typo', match: '秸杆' },
  { text: '澳门葡京娱乐城，百家乐在线。', rule: 'wording.prohibited', match: '澳门葡京娱乐城' },
];
const body = SEEDED.map((s) => s.text).join('\n');

const dir = mkdtempSync(join(tmpdir(), 'xj-wording-'));
writeFileSync(join(dir, 'page.html'), `<html><head><title>通知</title></head><body>${SEEDED.map((s) => `<p>${s.text}</p>`).join('')}</body></html>`);
writeFileSync(join(dir, 'page.txt'), body);
writeFileSync(join(dir, 'export.jsonl'), SEEDED.map((s, i) => JSON.stringify({ id: `a${i}`, url: `https://www.example.gov.cn/a${i}.html`, title: '通知', text: s.text })).join('\n') + '\n');

type Out = { findings: { rule: string; match: string }[] };

describe('seeded serious wording errors', () => {
  it.each(['page.html', 'page.txt', 'export.jsonl'])('are all found in %s', async (file) => {
    const r = await runCli(['check', join(dir, file), '--format', 'json', '--checks', 'wording'], dir);
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as Out).findings.map((f) => `${f.rule} ${f.match}`);
    for (const s of SEEDED) expect(found).toContain(`${s.rule} ${s.match}`);
  });

  it('uses the config\'s own wordlists and allowlist, and names a broken list without losing the others', async () => {
    const cfgDir = mkdtempSync(join(tmpdir(), 'xj-wording-cfg-'));
    const list = (id: string, terms: string[], extra: object = {}) => ({
      meta: { id, rule: 'wording.typo', matcher: 'terms', licence: 'written by the city website office', sources: [{ title: '本市地名录' }] },
      entries: [{ id: 'e1', terms, severity: 'high', note: '地名错误：应为“青秀区”', suggestion: '青秀区', specs: { hit: [terms[0]], miss: ['青秀区'] }, ...extra }],
    });
    writeFileSync(join(cfgDir, 'places.json'), JSON.stringify(list('places', ['青秀去'])));
    writeFileSync(join(cfgDir, 'broken.json'), JSON.stringify(list('broken', ['x'], { allow: [{ context: '(', why: 'oops' }] })));
    writeFileSync(join(cfgDir, 'xunjian.config.json'), JSON.stringify({ wording: { wordlists: ['places.json', 'broken.json'], allow: ['秸杆画'] } }));
    writeFileSync(join(cfgDir, 'p.txt'), '青秀去政府举办秸杆画展览，禁止焚烧秸杆。');
    const r = await runCli(['check', 'p.txt', '--format', 'json', '--checks', 'wording'], cfgDir);
    const found = (JSON.parse(r.stdout) as Out).findings.map((f) => f.match);
    expect(found).toEqual(['青秀去', '秸杆']);
    expect(r.stderr).toMatch(/broken\.json: invalid wordlist/);
    expect(r.stderr).toMatch(/entry \\?"e1\\?" allow 1: invalid regex/);
  });

  it('refuses an office list whose pattern would backtrack without end, and checks the page with the rest', async () => {
    // `(\S+\s?)+旧称` meets 30 Han characters without 旧称: 2^30 steps, hours, on the run's thread.
    const cfgDir = mkdtempSync(join(tmpdir(), 'xj-wording-runaway-'));
    const list = (id: string, pattern: string) => ({
      meta: { id, rule: 'wording.prohibited', matcher: 'regex', licence: 'written by the city website office', sources: [{ title: '本单位规范用语' }] },
      entries: [{ id: 'old-name', pattern, severity: 'medium', note: '已更名的机构旧称', specs: { hit: ['某某 旧称'], miss: ['新称'] } }],
    });
    writeFileSync(join(cfgDir, 'runaway.json'), JSON.stringify(list('runaway', '(\\S+\\s?)+旧称')));
    writeFileSync(join(cfgDir, 'bounded.json'), JSON.stringify(list('bounded', '[\\u4e00-\\u9fa5]{2,8} 旧称')));
    writeFileSync(join(cfgDir, 'xunjian.config.json'), JSON.stringify({ wording: { wordlists: ['runaway.json', 'bounded.json'] } }));
    writeFileSync(join(cfgDir, 'p.html'), `<html><body><p>市建设局 旧称</p><p>禁止焚烧秸杆。</p><p>${'某'.repeat(30)}！</p></body></html>`);
    const started = Date.now();
    const r = await runCli(['check', 'p.html', '--format', 'json', '--checks', 'wording'], cfgDir);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as Out & { errors: { input: string; code: string; message: string }[] };
    expect(out.findings.map((f) => `${f.rule} ${f.match}`).sort()).toEqual(['wording.prohibited 市建设局 旧称', 'wording.typo 秸杆']);
    expect(out.errors).toEqual([{ input: join(cfgDir, 'runaway.json'), code: 'wordlist', message: expect.stringMatching(/^invalid wordlist\n {2}entry "old-name": matching can take time exponential in the length of the text/) }]);
    // Named once, not as "file: file: …".
    expect(r.stderr.split(join(cfgDir, 'runaway.json')).length - 1).toBeLessThanOrEqual(2);
  }, 60_000);
});
