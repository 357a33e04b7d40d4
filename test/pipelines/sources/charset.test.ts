import iconv from 'iconv-lite';
import { canonicalLabel, decodeBody } from '../../../pipelines/sources/charset';

const RARE = '北京市人民政府 𠮷 镕 䶮';
const gb = (s: string) => iconv.encode(s, 'gb18030');

describe('decodeBody', () => {
  it('decodes a gb2312-declared page with the GB18030 decoder, keeping 4-byte characters', () => {
    const r = decodeBody(gb(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>${RARE}</body></html>`));
    expect(r.text).toContain(RARE);
    expect(r.charset).toMatchObject({ encoding: 'gb18030', decidedBy: 'document' });
  });
  it('follows a GBK header when the page declares nothing', () => {
    const r = decodeBody(gb(`<p>${RARE}</p>`), 'text/html; charset=GBK');
    expect(r.text).toContain(RARE);
    expect(r.charset.decidedBy).toBe('header');
  });
  it('detects GB18030 without any declaration on a realistic page', () => {
    const body = gb(`<html><body>${'各乡镇扎实推进秋冬种工作，确保粮食生产稳定。'.repeat(40)}</body></html>`);
    const r = decodeBody(body);
    expect(r.text).toContain('秋冬种');
    expect(r.charset.decidedBy).toBe('detected');
  });
  it('decodes a GBK page served as UTF-8 and notes the conflict visitors see as 乱码', () => {
    const r = decodeBody(gb(`<meta charset="gb2312"><p>${RARE}</p>`), 'text/html; charset=utf-8');
    expect(r.text).toContain(RARE);
    expect(r.charset.notes.join()).toMatch(/charset conflict/);
  });
  it('finds a meta declaration after 1,100 bytes of comments (4 KiB prescan)', () => {
    const r = decodeBody(gb(`<!--${'x'.repeat(1100)}--><meta charset="gbk"><p>${RARE}</p>`));
    expect(r.text).toContain(RARE);
  });
  it('keeps UTF-8 when the bytes are valid UTF-8 and nothing says otherwise', () => {
    const r = decodeBody(Buffer.from(`<p>${RARE}</p>`));
    expect(r.text).toContain(RARE);
    expect(r.charset.encoding).toBe('utf-8');
  });
  it('keeps UTF-8 when a UTF-8 page is served with a wrong gbk header', () => {
    const r = decodeBody(Buffer.from(`<meta charset="utf-8"><p>${RARE}</p>`), 'text/html; charset=gbk');
    expect(r.text).toContain(RARE);
    expect(r.charset.notes.length).toBeGreaterThan(0);
  });
  it('honours a BOM and strips it', () => {
    const r = decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>通知</p>')]), 'text/html; charset=gbk');
    expect(r.text).toBe('<p>通知</p>');
    expect(r.charset.decidedBy).toBe('bom');
  });
  it('falls back to the site default for short undeclared non-UTF-8 bytes', () => {
    const r = decodeBody(gb('政务公开'));
    expect(r.text).toBe('政务公开');
    expect(r.charset.decidedBy).toBe('default');
  });
  it('cannot tell two GBK characters that happen to be valid UTF-8 (known trap): UTF-8 wins', () => {
    // 通知 in GBK is also a valid UTF-8 sequence; only a declaration or more text can settle it.
    expect(decodeBody(gb('通知')).charset.encoding).toBe('utf-8');
    expect(decodeBody(gb('通知'), 'text/html; charset=gbk').text).toBe('通知');
  });
  it('treats every GB label as gb18030 and rejects unknown labels', () => {
    expect(['GB2312', 'gbk', 'x-gbk', 'cp936', 'GB18030'].map(canonicalLabel)).toEqual(Array(5).fill('gb18030'));
    expect(canonicalLabel('no-such-charset')).toBeUndefined();
  });
});
