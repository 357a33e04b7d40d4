import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExportSource, normalizeExportDate } from '../../../pipelines/sources/export';
import type { SourceItem } from '../../../pipelines/sources/source';
import { FIXED_NOW } from '../../helpers/context';

const clock = { now: () => FIXED_NOW };
const dir = mkdtempSync(join(tmpdir(), 'xj-export-'));

async function all(src: ExportSource): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const i of src.items()) out.push(i);
  return out;
}

describe('ExportSource', () => {
  it('streams JSONL, reports a broken line and a bad field by line number, scans the rest', async () => {
    const file = join(dir, 'a.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 1, url: 'https://a.gov.cn/1.html', title: '一', html: '<p>一</p>', column: '要闻', publishedAt: '2023-08-21 09:30:00' }),
        '{"id": 2, "html": "<p>broken',
        JSON.stringify({ id: 3, text: '三', publishedAt: 'yesterday' }),
        '',
        JSON.stringify({ id: 4, title: 'no body' }),
        JSON.stringify({ id: 5, text: '五', attachments: [{ url: 'https://a.gov.cn/f.pdf' }] }),
        JSON.stringify({ id: 6, text: '六', publishedAt: '2026-02-30 09:00' }),
      ].join('\n'),
    );
    const src = new ExportSource(file, 's', clock);
    const items = await all(src);
    const pages = items.filter((i) => i.kind === 'page');
    const errs = items.flatMap((i) => (i.kind === 'error' ? [i.error] : []));
    // A date that cannot be read costs a record its date, not its checks.
    expect(pages.map((p) => p.kind === 'page' && [p.page.claims.id, p.page.claims.publishedAt])).toEqual([['1', '2023-08-21T09:30:00+08:00'], ['3', undefined], ['5', undefined], ['6', undefined]]);
    expect(errs.map((e) => [e.record, e.code, e.field])).toEqual([
      [2, 'json', undefined],
      [3, 'schema', '/publishedAt'],
      [5, 'schema', '/html'],
      [7, 'schema', '/publishedAt'], // records are counted by line, the blank one too
    ]);
    expect(errs[3]!.message).toMatch(/no date that exists/);
    expect(errs[1]!.message).toMatch(/publishedAt/);
    expect(errs[2]!.message).toMatch(/html.*text/);
    const first = pages[0]!;
    expect(first.kind === 'page' && first.page.claims).toMatchObject({ column: '要闻', publishedAt: '2023-08-21T09:30:00+08:00' });
    expect(src.complete()).toBe(true);
  });
  it('reads a JSON array or {"articles": [...]} with a BOM', async () => {
    const a = join(dir, 'b.json');
    writeFileSync(a, '\uFEFF' + JSON.stringify({ articles: [{ id: 'x', text: '正文' }, { id: 'y' }] }));
    const items = await all(new ExportSource(a, 's', clock));
    expect(items.map((i) => i.kind)).toEqual(['page', 'error']);
    const e = items[1]!;
    expect(e.kind === 'error' && e.error.record).toBe(2);
  });
  it('reports a file that is not valid JSON at all, and a missing file, without throwing', async () => {
    const bad = join(dir, 'c.json');
    writeFileSync(bad, '[{"id": 1,');
    const items = await all(new ExportSource(bad, 's', clock));
    expect(items).toEqual([{ kind: 'error', error: expect.objectContaining({ input: bad, code: 'unreadable' }) }]);
    const missing = await all(new ExportSource(join(dir, 'nope.jsonl'), 's', clock));
    expect(missing[0]).toMatchObject({ kind: 'error', error: { code: 'unreadable' } });
  });
  it('reads content already in memory', async () => {
    const items = await all(new ExportSource('(request)', 's', clock, JSON.stringify([{ id: 'draft', html: '<p>草稿</p>' }])));
    expect(items[0]!.kind === 'page' && items[0]!.page.text.text).toBe('草稿\n');
  });
});

describe('normalizeExportDate', () => {
  it('adds Beijing time to zone-less CMS dates and keeps explicit zones', () => {
    expect(normalizeExportDate('2023-08-21')).toBe('2023-08-21T00:00:00+08:00');
    expect(normalizeExportDate('2023-08-21T01:02:03Z')).toBe('2023-08-21T01:02:03Z');
    expect(normalizeExportDate('2023-08-21 09:30+0800')).toBe('2023-08-21T09:30:00+08:00');
  });
});
