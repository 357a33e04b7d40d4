import { charsetMismatch } from '../../../checks/health/charset';
import { createPage } from '../../../checks/page';
import { decodeBody } from '../../../pipelines/sources/charset';
import { testContext } from '../../helpers/context';
import iconv from 'iconv-lite';

function spans(body: Buffer, contentType: string) {
  const d = decodeBody(body, contentType);
  const page = createPage({ siteId: 's', url: 'https://x.gov.cn/', fetchedAt: '2026-01-01T00:00:00Z', body, contentType: 'html', charset: d.charset, source: d.text, origin: 'crawl' });
  return charsetMismatch.run(page, testContext());
}

describe('health.charset', () => {
  it('reports a GBK page served with a UTF-8 header', () => {
    const body = iconv.encode('<html><head><meta charset="gb2312"></head><body>通知公告</body></html>', 'gb18030');
    const r = spans(body, 'text/html; charset=utf-8');
    expect(Array.isArray(r) && r.length).toBe(1);
  });
  it('is quiet when header, meta and bytes agree, GB labels counting as one', () => {
    const body = iconv.encode('<html><head><meta charset="gb2312"></head><body>通知公告</body></html>', 'gb18030');
    expect(spans(body, 'text/html; charset=GBK')).toEqual([]);
    expect(spans(Buffer.from('<meta charset="utf-8">通知'), 'text/html; charset=utf-8')).toEqual([]);
  });
  it('skips plain text', () => {
    const page = createPage({ siteId: 's', url: 'file:///a.txt', fetchedAt: '2026-01-01T00:00:00Z', contentType: 'text', source: '通知', origin: 'file' });
    expect(charsetMismatch.run(page, testContext())).toEqual({ skipped: 'not html' });
  });
});
