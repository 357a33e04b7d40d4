import { zipSync, strToU8 } from 'fflate';
import { documentItems, extractDocument, extractOfficeParts } from '../../../pipelines/sources/extract';
import { readZip, ExtractError } from '../../../pipelines/sources/extract/zip';
import { buildDocx, buildPdf, buildXlsx } from '../../../pipelines/demo/office';
import { DEFAULT_PDF_LIMITS, extractPdf } from '../../../pipelines/sources/extract/pdf';
import type { DocumentFile } from '../../../checks/types';

async function code(bytes: Buffer): Promise<string> {
  try {
    await extractDocument(bytes);
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(ExtractError);
    return (e as ExtractError).code;
  }
}

describe('xlsx extraction', () => {
  const xlsx = buildXlsx([
    { name: '公示', rows: [['姓名', '身份证号码'], ['张*', '110105199003071239']], hiddenColumns: [1] },
    { name: '底稿', state: 'veryHidden', rows: [['手机'], ['13800000000']] },
    { name: '统计', rows: [['合计'], ['3']], hiddenRows: [1] },
  ]);
  const parts = extractOfficeParts(xlsx)!;
  it('reads every sheet, hidden and very hidden included, with cells located', () => {
    expect(parts.map((p) => [p.part, p.hidden])).toEqual([['公示', false], ['底稿', true], ['统计', false], ['core:creator', true], ['core:lastModifiedBy', true]]);
    const sheet = parts[0]!;
    expect(sheet.text).toBe('姓名\t身份证号码\n张*\t110105199003071239\n');
    expect(sheet.cells!.map((c) => [c.ref, c.hidden])).toEqual([['公示!A1', false], ['公示!B1', true], ['公示!A2', false], ['公示!B2', true]]);
    expect(parts[2]!.cells!.map((c) => [c.ref, c.hidden])).toEqual([['统计!A1', false], ['统计!A2', true]]);
    expect(parts[1]!.cells!.every((c) => c.hidden)).toBe(true);
  });
  it('shows a number cell Excel stored in E notation in full digits, as an ID number typed into it', () => {
    const sheet = extractOfficeParts(buildXlsx([{ name: '名单', rows: [['姓名', '身份证号码', '金额'], ['李某', { n: '1.10105199003071E+17' }, { n: '1200.5' }]] }]))![0]!;
    expect(sheet.text).toBe('姓名\t身份证号码\t金额\n李某\t110105199003071000\t1200.5\n');
  });
});

describe('docx extraction', () => {
  it('keeps body, hidden runs, tracked deletions, headers, comments and author metadata apart', () => {
    const parts = extractOfficeParts(buildDocx({ paragraphs: ['正文一', '正文二'], hidden: ['隐藏文字'], deleted: ['删除的手机13800000000'], comments: [{ author: '张三', text: '请核对' }], header: '内部资料 注意保存', creator: '李四' }))!;
    const by = Object.fromEntries(parts.map((p) => [p.part, [p.text.trim(), p.hidden]]));
    expect(by).toEqual({
      body: ['正文一\n正文二', false],
      'hidden text': ['隐藏文字', true],
      'tracked deletions': ['删除的手机13800000000', true],
      header1: ['内部资料 注意保存', false],
      'comment 1': ['张三: 请核对', true],
      'core:creator': ['李四', true],
      'core:lastModifiedBy': ['李四', true],
    });
  });
});

describe('bad attachments', () => {
  it('stops a zip bomb by counting inflated bytes, not trusting headers', async () => {
    const bomb = Buffer.from(zipSync({ 'word/document.xml': new Uint8Array(64 * 2 ** 20) }, { level: 9 }));
    expect(bomb.length).toBeLessThan(2 ** 20);
    expect(() => readZip(bomb, () => true, { maxEntries: 10, maxEntryBytes: 10 * 2 ** 20, maxTotalBytes: 20 * 2 ** 20, maxRatio: 1000 })).toThrow(/inflates beyond the limits/);
    expect(await code(bomb)).toBe('zip-bomb');
  });
  it('names corrupt zips, OLE files, PDFs and unknown bytes', async () => {
    const good = buildDocx({ paragraphs: ['x'] });
    // Cut inside the first entry's data: the reader must not return a silently shortened document.
    expect(await code(good.subarray(0, 80))).toBe('corrupt');
    expect(await code(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('unsupported');
    expect(await code(Buffer.from('hello'))).toBe('unsupported');
  });
  it('holds the total inflate limit across nested archives', () => {
    const chunk = new Uint8Array(6 * 2 ** 20).fill(0x41);
    const inner = zipSync({ 'a.txt': chunk });
    const outer = Buffer.from(zipSync({ '1.zip': inner, '2.zip': inner, '3.zip': inner }, { level: 0 }));
    const limits = { maxEntries: 100, maxEntryBytes: 50 * 2 ** 20, maxTotalBytes: 12 * 2 ** 20, maxRatio: 100_000 };
    const budget = { used: 0 };
    expect(() => {
      for (const [, data] of readZip(outer, () => true, limits, budget)) readZip(data, () => true, limits, budget);
    }).toThrow(/inflates beyond the limits/);
  });
  it('reads documents inside a plain zip, with the path in the part name', async () => {
    const inner = buildXlsx([{ name: 'S', rows: [['110105199003071239']] }]);
    const outer = Buffer.from(zipSync({ '附件/名单.xlsx': new Uint8Array(inner), 'readme.txt': strToU8('说明') }));
    const parts = await extractDocument(outer);
    expect(parts.map((p) => p.part)).toEqual(expect.arrayContaining(['附件/名单.xlsx/S', 'readme.txt']));
    expect(parts.find((p) => p.part === '附件/名单.xlsx/S')!.cells![0]!.ref).toBe('附件/名单.xlsx/S!A1');
  });
  it('reads a PDF inside a zip inside a zip, and notes a member it could not read without losing the others', async () => {
    const pdf = buildPdf(['救助对象', '身份证号码：110105199003071239']);
    const inner = zipSync({ '名单.pdf': new Uint8Array(pdf), '坏.docx': strToU8('PK\u0003\u0004broken') });
    const outer = Buffer.from(zipSync({ '材料/附件.zip': inner }));
    const parts = await extractDocument(outer);
    expect(parts).toEqual(expect.arrayContaining([
      { part: '材料/附件.zip/名单.pdf/page 1', text: '救助对象\n身份证号码：110105199003071239', hidden: false },
      expect.objectContaining({ part: '材料/附件.zip/坏.docx/note', hidden: true }),
    ]));
  });
  it('reads the text runs of a legacy OLE file approximately, and names a password-protected one', async () => {
    const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const junk = Buffer.alloc(512, 0);
    // Word 97 keeps Chinese as UTF-16LE; BIFF8 keeps an all-digit string as 8-bit characters.
    const legacy = Buffer.concat([OLE, junk, Buffer.from('低保对象张伟身份证号', 'utf16le'), Buffer.from([0, 0, 1]), Buffer.from('110105199003071239', 'latin1'), junk]);
    const parts = await extractDocument(legacy);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.part).toMatch(/^legacy text \(approximate/);
    expect(parts[0]!.text).toContain('低保对象张伟身份证号');
    expect(parts[0]!.text).toContain('110105199003071239');
    const encrypted = Buffer.concat([OLE, junk, Buffer.from('EncryptedPackage', 'utf16le'), junk]);
    expect(await code(encrypted)).toBe('encrypted');
  });
  it('turns an unreadable attachment into the document plus an error that says why', async () => {
    const doc: DocumentFile = { siteId: 's', url: 'https://a.gov.cn/x.xlsx', kind: 'xlsx', fetchedAt: 't', status: 200, headers: {}, bytes: Buffer.from('PK\u0003\u0004garbage'), sha256: '', parts: [] };
    const items = await documentItems(doc);
    expect(items.map((i) => i.kind)).toEqual(['document', 'error']);
    expect(items[1]).toMatchObject({ error: { input: 'https://a.gov.cn/x.xlsx', message: expect.stringMatching(/^attachment not checked/) } });
  });
});

describe('pdf extraction', () => {
  it('reads Chinese text per page and the author metadata', async () => {
    const parts = await extractDocument(buildPdf(['会议材料', '联系人身份证号码：110105199003071239'], { Author: 'zhangsan-PC' }));
    expect(parts).toEqual([
      { part: 'page 1', text: '会议材料\n联系人身份证号码：110105199003071239', hidden: false },
      { part: 'pdf:Author', text: 'zhangsan-PC', hidden: true },
    ]);
  });
  it('moves text drawn under a black box to a hidden part, and reads sticky notes and XMP', async () => {
    // Line 2 is at y = 700; its digits start after 8 CJK characters (72 + 8 × 12 = 168).
    const pdf = buildPdf(['救助对象名单', '申请人身份证号码：110105199003071239', '合计 1 人'], {}, {
      boxes: [[170, 696, 230, 16]],
      notes: ['审核意见：联系张三 13800138000'],
      xmp: { creator: 'li.si', creatorTool: 'WPS Office' },
    });
    const parts = await extractDocument(pdf);
    expect(parts).toEqual(expect.arrayContaining([
      { part: 'page 1', text: '救助对象名单\n合计 1 人', hidden: false },
      { part: 'page 1 (under a black box)', text: '申请人身份证号码：110105199003071239\n', hidden: true },
      { part: 'page 1 annotation 1 (Text)', text: '审核意见：联系张三 13800138000', hidden: true },
      { part: 'xmp:dc:creator', text: 'li.si', hidden: true },
      { part: 'xmp:xmp:creatortool', text: 'WPS Office', hidden: true },
    ]));
  });
  it('leaves text alone when the black box is elsewhere on the page', async () => {
    const parts = await extractDocument(buildPdf(['标题', '正文第一段'], {}, { boxes: [[300, 100, 100, 20]] }));
    expect(parts).toEqual([{ part: 'page 1', text: '标题\n正文第一段', hidden: false }]);
  });
  it('recovers or names a PDF with a broken cross-reference table, never hangs', async () => {
    const good = buildPdf(['正文']).toString('latin1');
    const broken = Buffer.from(good.replace(/startxref\n\d+/, 'startxref\n999999').replace(/0000000\d{3} 00000 n/g, '0000000001 00000 n'), 'latin1');
    const parts = await extractDocument(broken).catch((e: Error) => e);
    if (parts instanceof Error) expect((parts as ExtractError).code).toMatch(/corrupt|unsupported/);
    else expect(parts[0]!.text).toContain('正文');
  });
  it('names bytes that only claim to be a PDF', async () => {
    await expect(extractDocument(Buffer.from('%PDF-1.4 garbage'))).rejects.toMatchObject({ code: expect.stringMatching(/corrupt|unsupported/) });
  });
  it('replaces a reader stopped past its deadline or its heap, and reads the next PDF as before', async () => {
    const pdf = buildPdf(['会议材料', '第二行']);
    await expect(extractPdf(pdf, { ...DEFAULT_PDF_LIMITS, timeoutMs: 1 })).rejects.toMatchObject({ code: 'timeout' });
    await expect(extractPdf(pdf, { ...DEFAULT_PDF_LIMITS, maxHeapMb: 2 })).rejects.toMatchObject({ message: expect.stringMatching(/reader stopped|reader failed|not read within/) });
    // Many at once: the readers are shared, every PDF still read whole.
    const all = await Promise.all(Array.from({ length: 12 }, (_, i) => extractPdf(buildPdf([`第${i}号`]))));
    expect(all.map((parts) => parts[0]!.text)).toEqual(Array.from({ length: 12 }, (_, i) => `第${i}号`));
  });
});
