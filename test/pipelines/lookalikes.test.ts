/**
 * `xunjian lookalikes` end to end against a loopback DNS server and loopback web servers: generated
 * and listed candidates, each judged with its reasons, and every kind of bad input (SERVFAIL, a
 * DNS timeout, a wildcard suffix, a redirect to the real site, a page over 5 MB, an IDN, a broken
 * candidate line) ending in its own entry while the sweep goes on.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { domainToASCII } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { startDns, type DnsServer } from '../helpers/dns-server';
import { SITES } from '../fixtures/counterfeit/corpus';

const S = SITES[0]!;
const COPY = `<html><head><meta name="SiteIDCode" content="${S.siteCode}"><title>通知_${S.name}</title></head><body><p>特聘王某某为高级专家。</p><div>网站标识码：${S.siteCode} ${S.icp}</div></body></html>`;
const SCAM = `<html><head><title>补贴申领_国家政务服务平台</title></head><body><form><label>身份证号</label><input name="sfzh"><label>银行卡号</label><input name="card"></form></body></html>`;
const IDN = domainToASCII('示范市政府.com');

let dns: DnsServer;
let web: Server;
let port: number;
beforeAll(async () => {
  web = createServer((req, res) => {
    const host = (req.headers.host ?? '').toLowerCase();
    const send = (body: string, status = 200, extra: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...extra }).end(body);
    if (host === 'shifangov.cn' || host === IDN) return send(COPY);
    if (host === 'shifan.gov.cn.com') return send(SCAM);
    if (host === 'shifan.com') return send('', 301, { location: `https://${S.host}/` });
    if (host === 'shifan.top') return send('<html><body>本域名出售 this domain is for sale</body></html>');
    if (host === 'shifan.net') return send('<html><head><title>示范科技有限公司</title></head><body>产品</body></html>');
    if (host === 'shifan.org') return send(COPY + `<p>${'大'.repeat(3 * 2 ** 20)}</p>`);
    send('not here', 404);
  });
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', () => r()));
  port = (web.address() as AddressInfo).port;
  dns = await startDns(
    { 'shifangov.cn': '127.0.0.1', 'shifan.gov.cn.com': '127.0.0.1', 'shifan.com': '127.0.0.1', 'shifan.top': '127.0.0.1', 'shifan.net': '127.0.0.1', 'shifan.org': '127.0.0.1', [IDN]: '127.0.0.1', 'shifan.xyz': 'SERVFAIL', 'shifanzf.cn': 'SILENT' },
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
  writeFileSync(join(dir, 'ct.txt'), [`*.${IDN}`, 'not a domain at all', '# comment', 'shifangov.cn'].join('\n'));
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
});
