import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument } from '../../../pipelines/sources/extract';
import { buildPdf } from '../../../pipelines/demo/office';
import { closeOcr, imageType, tidyOcrText } from '../../../pipelines/sources/extract/ocr';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runCli } from '../../helpers/cli';
import { startLoopback } from '../../helpers/loopback';

const FIX = join(__dirname, '../../fixtures/ocr');

afterAll(() => closeOcr());

describe('OCR of images (offline: tesseract.js + chi_sim from npm)', () => {
  it('reads a scanned 公示 list into text the privacy checks can see', async () => {
    const parts = await extractDocument(readFileSync(join(FIX, 'gongshi-scan.png')));
    expect(parts).toHaveLength(1);
    expect(parts[0]!.part).toBe('image text (OCR)');
    expect(parts[0]!.text).toContain('低保对象公示名单');
    expect(parts[0]!.text).toContain('110105199003071239');
    expect(parts[0]!.text).toContain('13800138000');
  }, 60_000);

  it('flags the ID and mobile number in the image through `xunjian check`, and nothing in an ordinary news photo', async () => {
    const leak = await runCli(['check', join(FIX, 'gongshi-scan.png'), '--format', 'json']);
    const f = JSON.parse(leak.stdout).findings as { rule: string; location: { part?: string }; match: string }[];
    expect(f.map((x) => x.rule).sort()).toEqual(expect.arrayContaining(['privacy.id-card', 'privacy.mobile']));
    expect(f.find((x) => x.rule === 'privacy.id-card')).toMatchObject({ location: { part: 'image text (OCR)' }, match: '11**************39' });
    expect(leak.stdout).not.toContain('110105199003071239');
    const clean = await runCli(['check', join(FIX, 'news-photo.png'), '--format', 'json']);
    expect(JSON.parse(clean.stdout).findings.filter((x: { severity: string }) => x.severity === 'high' || x.severity === 'critical')).toEqual([]);
  }, 60_000);

  it('reads the pictures of a crawled page only when crawl.ocrImages is on', async () => {
    const png = readFileSync(join(FIX, 'gongshi-scan.png'));
    const srv = await startLoopback((req, res) => {
      if (req.url === '/gs.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      if (req.url === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>公示</title></head><body><p>2026年11月20日 低保名单公示如下：</p><img src="/gs.png"></body></html>');
      res.writeHead(404).end();
    });
    try {
      const scan = async (ocrImages: boolean) => {
        const work = mkdtempSync(join(tmpdir(), 'xj-ocr-'));
        writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({ crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, ocrImages } }));
        return JSON.parse((await runCli(['scan', `${srv.origin}/`, '--format', 'json'], work)).stdout) as { findings: { rule: string; location: { attachment?: string } }[] };
      };
      expect((await scan(false)).findings.filter((f) => f.rule === 'privacy.id-card')).toEqual([]);
      const on = await scan(true);
      expect(on.findings.find((f) => f.rule === 'privacy.id-card')?.location.attachment).toBe(`${srv.origin}/gs.png`);
    } finally {
      await srv.close();
    }
  }, 60_000);

  it('reads a scanned PDF page (a picture, no text layer) by OCR, and leaves a text PDF to its text layer', async () => {
    const scan = buildPdf([], {}, { scan: { jpeg: readFileSync(join(FIX, 'gongshi-scan.jpg')), width: 900, height: 260 } });
    const parts = await extractDocument(scan);
    expect(parts.map((p) => p.part)).toEqual(['page 1', 'page 1 (OCR)']);
    expect(parts[1]!.text).toContain('110105199003071239');
    const text = await extractDocument(buildPdf(['会议纪要正文第一段，内容足够长，不是扫描件。'], {}, { scan: { jpeg: readFileSync(join(FIX, 'gongshi-scan.jpg')), width: 900, height: 260 } }));
    expect(text.map((p) => p.part)).toEqual(['page 1']);
  }, 60_000);

  it('knows images by their bytes and tidies the spaces OCR puts between Chinese characters', () => {
    expect(imageType(readFileSync(join(FIX, 'news-photo.png')))).toBe('png');
    expect(imageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(imageType(Buffer.from('%PDF-1.4'))).toBeUndefined();
    expect(tidyOcrText('低 保 对 象 公 示\n张 伟 身 份 证 号 : 110105199003071239 \n')).toBe('低保对象公示\n张伟身份证号:110105199003071239');
  });
});
