/**
 * Bytes handed in as a page that are something else — an archive, an image, a compressed body —
 * were decoded into noise no rule finds anything in, and the run called them clean: a pre-publish
 * hook said "publish", a crawl whose homepage was such bytes read nothing and exited 0.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { binaryShare } from '../../pipelines/sources/binary-body';
import { runCli } from '../helpers/cli';
import { htmlPage, startLoopback } from '../helpers/loopback';
import { scanSite } from '../helpers/scan-site';

/** A notice with an ID number in it: checked, it is a finding. */
const NOTICE = htmlPage('补助名单公示', '申请人身份证号码：110105199003071239。');

/** Bytes of a fixed pseudo-random stream (a compressed or encrypted file's look). */
function noise(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

/** A PNG's signature and header chunk, then its compressed picture data. */
function png(): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), deflateSync(noise(20_000, 3))]);
}

describe('binaryShare', () => {
  it('calls archives, pictures and compressed pages binary', () => {
    for (const b of [noise(4000), png(), gzipSync(Buffer.from(NOTICE.repeat(50))), Buffer.concat([Buffer.from('PK\x03\x04'), noise(3000, 11)])]) expect(binaryShare(b)).toBeGreaterThan(0.05);
  });

  it('reads as text a page with a stray NUL from its CMS, a GBK page, a UTF-16 page with its BOM, and ISO-2022-JP text', () => {
    const page = Buffer.from(NOTICE);
    expect(binaryShare(Buffer.concat([page.subarray(0, 40), Buffer.from([0, 0]), page.subarray(40)]))).toBeUndefined();
    expect(binaryShare(Buffer.from([0xd5, 0xfe, 0xb8, 0xae, 0x0a, 0xcd, 0xa8, 0xd6, 0xaa]))).toBeUndefined();
    expect(binaryShare(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NOTICE, 'utf16le')]))).toBeUndefined();
    expect(binaryShare(Buffer.from('\x1b$B$3$s$K$A$O\x1b(B hello\n'.repeat(20), 'latin1'))).toBeUndefined();
    expect(binaryShare(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('check of a file that is not text', () => {
  it('is an error naming the file, not a clean page; the real pages beside it are checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-binary-'));
    writeFileSync(join(dir, 'photo.html'), png());
    writeFileSync(join(dir, 'archive.htm'), noise(6000));
    // A stray NUL from a CMS export: a page browsers show, and checked.
    writeFileSync(join(dir, 'notice.html'), NOTICE.replace('<h1>', '<h1>\0'));
    for (const name of ['photo.html', 'archive.htm']) {
      const r = await runCli(['check', name, '--format', 'json'], dir);
      const out = JSON.parse(r.stdout) as { findings: unknown[]; errors: { input: string; code: string; message: string }[] };
      expect(r.code).toBe(2);
      expect(out.findings).toEqual([]);
      expect(out.errors).toEqual([expect.objectContaining({ input: name, code: 'not-text', message: expect.stringContaining('nothing in it was checked') })]);
    }
    const ok = await runCli(['check', 'notice.html', '--format', 'json'], dir);
    expect((JSON.parse(ok.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule)).toContain('privacy.id-card');
  }, 60_000);
});

describe('a crawled page that is not text', () => {
  it('as the start page fails the run, saying what came; as a linked page it is an error and the rest is checked', async () => {
    let home: 'binary' | 'page' = 'binary';
    const srv = await startLoopback((req, res) => {
      if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/') return res.end(home === 'binary' ? gzipSync(Buffer.from(htmlPage('示范市人民政府', '正文。', ['/a.html']))) : htmlPage('示范市人民政府', '正文。', ['/a.html', '/b.html']));
      if (req.url === '/a.html') return res.end(NOTICE);
      if (req.url === '/b.html') return res.end(noise(5000));
      res.writeHead(404).end();
    });
    try {
      const r = await scanSite(srv.origin, ['privacy', 'links'], { now: '2026-11-21T02:00:00Z' });
      expect(r.summary.status).toBe('failed');
      expect(r.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'start-page-unreadable', message: expect.stringMatching(/answered text\/html; charset=utf-8 with binary content .* nothing of the site was read/) })]));
      home = 'page';
      const ok = await scanSite(srv.origin, ['privacy', 'links'], { now: '2026-11-21T02:00:00Z' });
      expect(ok.summary.status).toBe('complete');
      expect(ok.errors).toEqual([expect.objectContaining({ input: `${srv.origin}/b.html`, code: 'not-text' })]);
      expect(ok.findings.map((f) => f.rule)).toContain('privacy.id-card');
    } finally {
      await srv.close();
    }
  }, 60_000);
});
