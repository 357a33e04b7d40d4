import { testStoreAddress } from '../helpers/test-store';
/**
 * `xunjian lookalikes` end to end against a loopback DNS server and loopback web servers: generated
 * and listed candidates, each judged with its reasons, and every kind of bad input (SERVFAIL, a
 * DNS timeout, a wildcard suffix, a redirect to the real site, a page over 5 MB, an IDN, a broken
 * candidate line) ending in its own entry while the sweep goes on.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { domainToASCII } from 'node:url';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { runCli } from '../helpers/cli';
import { parseConfig } from '../../pipelines/config';
import { lookalikeSweep } from '../../pipelines/lookalikes/job';
import { silentLogger } from '../../pipelines/log';
import { Store } from '../../pipelines/store/store';
import { startDns, type DnsServer } from '../helpers/dns-server';
import { SITES } from '../fixtures/counterfeit/corpus';

const S = SITES[0]!;
const COPY = `<html><head><meta name="SiteIDCode" content="${S.siteCode}"><title>通知_${S.name}</title></head><body><p>特聘王某某为高级专家。</p><div>网站标识码：${S.siteCode} ${S.icp}</div></body></html>`;
const SCAM = `<html><head><title>补贴申领_国家政务服务平台</title></head><body><form><label>身份证号</label><input name="sfzh"><label>银行卡号</label><input name="card"></form></body></html>`;
const IDN = domainToASCII('示范市政府.com');
/** A published article of the real site, and the copy a counterfeiter serves without any mark and with a name inserted. */
const ARTICLE_PARAS = ['为进一步做好职业技能等级认定工作，现将有关事项通知如下，请各单位认真贯彻执行。', '一、认定范围。本市行政区域内各类企业和社会培训评价组织的从业人员均可按规定申报。', '二、工作要求。各单位要严格执行认定标准和程序，确保认定结果客观公正，不得收取规定以外的费用。', '三、证书查询。认定合格人员的证书信息统一在全国职业技能等级证书查询系统公布。'];
const articleHtml = (paras: string[], marks: boolean) => `<html><head><title>关于职业技能等级认定的通知_${S.name}</title>${marks ? `<meta name="SiteIDCode" content="${S.siteCode}">` : ''}</head><body><div class="nav">首页 政务公开 政务服务 互动交流</div><h1>关于职业技能等级认定的通知</h1>${paras.map((p) => `<p>${p}</p>`).join('')}<div class="foot">主办：${S.name}办公室${marks ? ` 网站标识码：${S.siteCode} ${S.icp}` : ''}</div></body></html>`;
const UNMARKED_COPY = articleHtml([ARTICLE_PARAS[0]!, '经研究决定，聘任王某某同志为示范市特聘高级专家，享受副厅级待遇。', ...ARTICLE_PARAS.slice(1)], false);

const CHALLENGE = readFileSync(join(__dirname, '..', 'fixtures', 'bot-challenges', 'cloudflare.html'), 'utf8');
/**
 * How shifangov.cn serves its copy: marks in the page, behind a bot challenge (as counterfeits behind
 * Cloudflare do), or a wholesale copy of a template that loads its footer, marks and all, from footer.js.
 */
let copyStyle: 'inline' | 'challenged' | 'footer-js' = 'inline';
const FOOTER_JS_COPY = `<html><head><title>通知_${S.name}</title></head><body><p>特聘王某某为高级专家。</p><div id="foot"></div><script src="/js/footer.js"></script></body></html>`;

let dns: DnsServer;
let web: Server;
let port: number;
beforeAll(async () => {
  web = createServer((req, res) => {
    const host = (req.headers.host ?? '').toLowerCase();
    const send = (body: string, status = 200, extra: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...extra }).end(body);
    if (host === 'shifangov.cn' && copyStyle === 'challenged') return send(CHALLENGE, 403);
    if (host === 'shifangov.cn' && copyStyle === 'footer-js') {
      if (req.url === '/js/footer.js') return res.writeHead(200, { 'content-type': 'application/javascript' }).end(`document.write('<p>网站标识码：${S.siteCode} ${S.icp}</p>');`);
      return send(FOOTER_JS_COPY);
    }
    if (host === 'shifangov.cn' || host === IDN) return send(COPY);
    if (host === 'shifan.gov.cn.com') return send(SCAM);
    // A scam page in GBK: read as UTF-8 its title named no government.
    if (host === 'shifan-gbk.cn') return res.writeHead(200, { 'content-type': 'text/html; charset=gbk' }).end(iconv.encode(SCAM, 'gbk'));
    if (host === 'shifan.com') return send('', 301, { location: `https://${S.host}/` });
    if (host === 'shifan.top') return send('<html><body>本域名出售 this domain is for sale</body></html>');
    if (host === 'shifan.net') return send('<html><head><title>示范科技有限公司</title></head><body>产品</body></html>');
    if (host === 'shifan.org') return send(COPY + `<p>${'大'.repeat(3 * 2 ** 20)}</p>`);
    if (host === 'sfzf.cn') return send(UNMARKED_COPY);
    send('not here', 404);
  });
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', () => r()));
  port = (web.address() as AddressInfo).port;
  dns = await startDns(
    { 'shifangov.cn': '127.0.0.1', 'shifan.gov.cn.com': '127.0.0.1', 'shifan.com': '127.0.0.1', 'shifan.top': '127.0.0.1', 'shifan.net': '127.0.0.1', 'shifan.org': '127.0.0.1', 'sfzf.cn': '127.0.0.1', 'shifan-gbk.cn': '127.0.0.1', [IDN]: '127.0.0.1', 'shifan.xyz': 'SERVFAIL', 'shifanzf.cn': 'SILENT' },
    { cc: '127.0.0.2' },
  );
});
afterAll(async () => {
  await dns.close();
  await new Promise<void>((r) => web.close(() => r()));
});

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xj-lookalikes-'));
  writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify({ store: 'x.db', sites: [{ id: S.id, name: S.name, urls: [`https://${S.host}/`], siteCode: S.siteCode, icp: S.icp, psb: S.psb }] }));
  writeFileSync(join(dir, 'ct.txt'), [`*.${IDN}`, 'not a domain at all', '# comment', 'shifangov.cn', 'shifan-gbk.cn'].join('\n'));
  return dir;
}

describe('xunjian lookalikes', () => {
  it('judges every candidate with reasons, and each bad input gets its own entry', async () => {
    const dir = workdir();
    const r = await runCli(['lookalikes', S.id, '--resolver', `127.0.0.1:${dns.port}`, '--port', String(port), '--candidates', join(dir, 'ct.txt'), '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { lookalikes: { domain: string; verdict: string; reasons: string[]; pattern: string; addresses: string[] }[]; findings: { rule: string; severity: string; duty: string }[]; errors: { input: string; record?: number; code: string; message: string }[]; summary: { status: string; issues?: { events: Record<string, number> } } };
    const by = new Map(out.lookalikes.map((l) => [l.domain, l]));
    expect(out.lookalikes.length).toBeGreaterThan(300);
    expect(by.get('shifangov.cn')).toMatchObject({ verdict: 'counterfeit', pattern: 'gov-token', addresses: ['127.0.0.1'] });
    expect(by.get('shifangov.cn')!.reasons.join()).toContain(`网站标识码 ${S.siteCode}`);
    expect(by.get('shifan.gov.cn.com')).toMatchObject({ verdict: 'counterfeit', pattern: 'appended-tld' });
    expect(by.get(IDN)).toMatchObject({ verdict: 'counterfeit', pattern: 'listed' });
    expect(by.get('shifan-gbk.cn')).toMatchObject({ verdict: 'counterfeit' });
    expect(by.get('shifan.com')).toMatchObject({ verdict: 'unrelated', reasons: [expect.stringContaining('defensive registration')] });
    expect(by.get('shifan.top')!.verdict).toBe('parked');
    expect(by.get('shifan.net')!.verdict).toBe('unrelated');
    expect(by.get('shifan.org')).toMatchObject({ verdict: 'counterfeit', reasons: expect.arrayContaining([expect.stringContaining('page cut at 5 MiB')]) });
    expect(by.get('shifan.xyz')).toMatchObject({ verdict: 'unresolved', reasons: [expect.stringContaining('SERVFAIL')] });
    expect(by.get('shifanzf.cn')).toMatchObject({ verdict: 'unresolved', reasons: [expect.stringMatching(/TIMEOUT/i)] });
    expect(by.get('shifan.cc')).toMatchObject({ verdict: 'unrelated', reasons: [expect.stringContaining('wildcard')] });
    expect(by.get('hd.cn')).toBeUndefined();
    expect(out.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ input: join(dir, 'ct.txt'), record: 2, message: expect.stringContaining('not a domain name') }),
      expect.objectContaining({ input: 'shifan.xyz', code: 'dns' }),
    ]));
    // Lookups that got no answer: the sweep judged less than it meant to, so it closes nothing.
    expect(out.summary.status).toBe('partial');
    expect(out.findings.every((f) => f.duty === 'security')).toBe(true);
    expect(out.summary.issues?.events['opened']).toBeGreaterThan(0);
    expect(out.findings.map((f) => f.rule)).toContain('counterfeit.identity-copy');
    // Sorted for the reader: counterfeits first.
    expect(out.lookalikes[0]!.verdict).toBe('counterfeit');
  }, 60_000);

  it('prints a table with --format text', async () => {
    const dir = workdir();
    const r = await runCli(['lookalikes', S.id, '--resolver', `127.0.0.1:${dns.port}`, '--port', String(port), '--format', 'text'], dir);
    expect(r.stdout).toMatch(/^counterfeit\s+0\.95\s+shifangov\.cn/m);
  }, 60_000);

  it('finds a copy that kept no mark, against the pages the store holds of the real site, and names the inserted sentence', async () => {
    const dir = workdir();
    const site = join(dir, 'site');
    mkdirSync(join(site, 'tzgg'), { recursive: true });
    writeFileSync(join(site, 'tzgg', 'art_1.html'), articleHtml(ARTICLE_PARAS, true));
    const ingest = await runCli(['ingest', site, '--site', S.id, '--base-url', `https://${S.host}/`, '--format', 'json'], dir);
    expect(ingest.code).not.toBe(2);
    const r = await runCli(['lookalikes', S.id, '--resolver', `127.0.0.1:${dns.port}`, '--port', String(port), '--format', 'json'], dir);
    const out = JSON.parse(r.stdout) as { lookalikes: { domain: string; verdict: string; pattern: string; reasons: string[] }[]; findings: { rule: string; url: string; match: string }[] };
    const entry = out.lookalikes.find((l) => l.domain === 'sfzf.cn')!;
    // 示范市 → sf (pinyin initials) + zf (政府): generated from the office's name.
    expect(entry).toMatchObject({ verdict: 'counterfeit', pattern: 'pinyin' });
    expect(entry.reasons[0]).toMatch(new RegExp(`复制了 https://${S.host}/tzgg/art_1.html`));
    expect(out.findings.find((f) => f.rule === 'counterfeit.page-copy')?.match).toContain('王某某');
    // The same copy handed to the pre-publish check with the address it is served at.
    writeFileSync(join(dir, 'copy.html'), UNMARKED_COPY);
    const checked = await runCli(['check', 'copy.html', '--url', 'http://sfzf.cn/', '--format', 'json'], dir);
    expect(checked.code).toBe(1);
    expect(JSON.parse(checked.stdout).findings.map((f: { rule: string }) => f.rule)).toContain('counterfeit.page-copy');
  }, 60_000);

  it('files a counterfeit for the security duty, keeps it open while a sweep goes unanswered, and closes it once the name is gone', async () => {
    const dir = workdir();
    const config = parseConfig({ store: testStoreAddress(join(dir, 'x.db')), sites: [{ id: S.id, name: S.name, urls: [`https://${S.host}/`], siteCode: S.siteCode }], counterfeit: { maxCandidates: 60 } }, join(dir, 'xunjian.config.json'));
    const store = Store.open(config.store);
    const sweepWith = async (table: Record<string, string>, day: number) => {
      const d = await startDns(table);
      try {
        const ctx = { config, clock: { now: () => new Date(Date.UTC(2026, 11, day)) }, log: silentLogger, store };
        return await lookalikeSweep(ctx, S.id, { resolver: `127.0.0.1:${d.port}`, port });
      } finally {
        await d.close();
      }
    };
    try {
      const first = await sweepWith({ 'shifangov.cn': '127.0.0.1' }, 1);
      expect(first.result.summary).toMatchObject({ status: 'complete', issues: { events: { opened: 1 } } });
      expect(first.result.findings.map((f) => [f.rule, f.duty])).toEqual([['counterfeit.identity-copy', 'security']]);
      // A resolver that does not answer proves nothing: the issue stays open.
      const silent = await sweepWith({ 'shifangov.cn': 'SERVFAIL' }, 8);
      expect(silent.result.summary.status).toBe('partial');
      expect(silent.result.summary.issues?.events['rows-fixed']).toBe(0);
      // Two complete sweeps in which the name no longer resolves: gone, and the issue closes.
      await sweepWith({}, 15);
      const gone = await sweepWith({}, 22);
      expect(gone.result.summary.issues?.events).toMatchObject({ 'rows-fixed': 1, closed: 1 });
    } finally {
      store.close();
    }
  }, 60_000);

  it('finds a wholesale copy whose marks are in the footer its template loads by script', async () => {
    const dir = workdir();
    const config = parseConfig({ store: testStoreAddress(join(dir, 'x.db')), sites: [{ id: S.id, name: S.name, urls: [`https://${S.host}/`], siteCode: S.siteCode, icp: S.icp }], counterfeit: { maxCandidates: 60 } }, join(dir, 'xunjian.config.json'));
    const store = Store.open(config.store);
    const d = await startDns({ 'shifangov.cn': '127.0.0.1' });
    copyStyle = 'footer-js';
    try {
      const r = await lookalikeSweep({ config, clock: { now: () => new Date(Date.UTC(2026, 11, 1)) }, log: silentLogger, store }, S.id, { resolver: `127.0.0.1:${d.port}`, port });
      expect(r.lookalikes.find((e) => e.domain === 'shifangov.cn')).toMatchObject({ verdict: 'counterfeit' });
      expect(r.result.findings.filter((f) => f.rule === 'counterfeit.identity-copy').map((f) => f.title).join()).toContain(S.siteCode);
    } finally {
      copyStyle = 'inline';
      await d.close();
      store.close();
    }
  }, 60_000);

  it('keeps a counterfeit open while it hides behind a bot challenge, and says the candidate was not seen', async () => {
    const dir = workdir();
    const config = parseConfig({ store: testStoreAddress(join(dir, 'x.db')), sites: [{ id: S.id, name: S.name, urls: [`https://${S.host}/`], siteCode: S.siteCode }], counterfeit: { maxCandidates: 60 } }, join(dir, 'xunjian.config.json'));
    const store = Store.open(config.store);
    const d = await startDns({ 'shifangov.cn': '127.0.0.1' });
    const sweep = (day: number) => lookalikeSweep({ config, clock: { now: () => new Date(Date.UTC(2026, 11, day)) }, log: silentLogger, store }, S.id, { resolver: `127.0.0.1:${d.port}`, port });
    try {
      expect((await sweep(1)).result.summary.issues?.events.opened).toBe(1);
      copyStyle = 'challenged';
      for (const day of [8, 15]) {
        const r = await sweep(day);
        expect(r.result.summary.issues?.events).toMatchObject({ 'rows-fixed': 0, closed: 0 });
        expect(r.result.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'bot-challenge', input: 'shifangov.cn' })]));
        expect(r.lookalikes.find((e) => e.domain === 'shifangov.cn')).toMatchObject({ verdict: 'suspicious', reasons: [expect.stringContaining('Cloudflare')] });
      }
    } finally {
      copyStyle = 'inline';
      await d.close();
      store.close();
    }
  }, 60_000);
});

describe('lookalike verdicts for names that deceive by themselves', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { verdicts } = require('../../pipelines/lookalikes/sweep') as typeof import('../../pipelines/lookalikes/sweep');
  const entry = (domain: string, verdict: 'unrelated' | 'parked', reasons: string[] = []) => ({ domain, pattern: 'listed' as const, resolved: true, addresses: ['203.0.113.9'], status: 200, verdict, score: 0.1, reasons });
  it('watches x.gov.cn.abc.top and a government name on a hosting platform whatever they serve today', () => {
    const judged = verdicts([entry('www.hd.gov.cn.abc123.top', 'unrelated'), entry('hd-gov.pages.dev', 'parked')], []);
    const a = judged.find((e) => e.domain.startsWith('www.'));
    const b = judged.find((e) => e.domain.endsWith('pages.dev'));
    expect([a!.domain, a!.verdict, a!.reasons[0]]).toEqual(['www.hd.gov.cn.abc123.top', 'suspicious', expect.stringMatching(/C5/)]);
    expect([b!.verdict, b!.score]).toEqual(['suspicious', 0.5]);
  });
  it('leaves an ordinary name unrelated, and a wildcard answer or a defensive redirect as it was', () => {
    expect(verdicts([entry('hd-news.com', 'unrelated')], [])[0]!.verdict).toBe('unrelated');
    expect(verdicts([entry('hd.gov.cn.example.top', 'unrelated', ['the resolver answers every name under .top with 1.2.3.4 (wildcard): not evidence of a registration'])], [])[0]!.verdict).toBe('unrelated');
    expect(verdicts([entry('hd-gov-cn.com', 'unrelated', ['redirects to the official www.hd.gov.cn (a defensive registration)'])], [])[0]!.verdict).toBe('unrelated');
  });
});
