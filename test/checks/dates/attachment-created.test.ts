import { attachmentCreated } from '../../../checks/dates/attachment-created';
import { parseMetadataDate } from '../../../checks/dates/parse';
import { testContext, testPageDates, testSite } from '../../helpers/context';

const page = testPageDates({ url: 'https://www.example.gov.cn/a.html', claimed: '2026-03-01T09:00:00+08:00' });
const run = (created: string | undefined, linkedFrom = page.url) => {
  const r = attachmentCreated.run(testSite({ pages: [page], documents: [{ url: 'https://www.example.gov.cn/f.pdf', linkedFrom, ...(created ? { created } : {}) }] }), testContext());
  return Array.isArray(r) ? r.map((s) => s.target) : [];
};

describe('dates.attachment-created', () => {
  it('finds a file made a month after the page says it was published', () => {
    expect(run('2026-04-02T10:00:00+08:00')).toEqual(['https://www.example.gov.cn/f.pdf']);
  });
  it('accepts a file made before or just after, and files without metadata or a dated page', () => {
    expect(run('2026-02-27T10:00:00+08:00')).toEqual([]);
    expect(run('2026-03-03T10:00:00+08:00')).toEqual([]);
    expect(run(undefined)).toEqual([]);
    expect(run('2026-04-02T10:00:00+08:00', 'https://www.example.gov.cn/other.html')).toEqual([]);
  });
  it('reads PDF and OOXML metadata dates', () => {
    expect(parseMetadataDate("D:20230821100000+08'00'")).toBe('2023-08-21T10:00:00+08:00');
    expect(parseMetadataDate('D:20230821100000Z')).toBe('2023-08-21T10:00:00Z');
    expect(parseMetadataDate('2023-08-21T02:00:00Z')).toBe('2023-08-21T02:00:00Z');
    expect(parseMetadataDate('D:2023')).toBeUndefined();
  });
});
