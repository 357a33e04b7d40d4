import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { DirSource } from '../../../pipelines/sources/dir';
import type { SourceItem } from '../../../pipelines/sources/source';
import { FIXED_NOW } from '../../helpers/context';
import { runPipeline } from '../../../pipelines/run';
import { selectChecks } from '../../../checks/registry';
import { silentLogger } from '../../../pipelines/log';

describe('DirSource', () => {
  it('reads html, text and attachments below a folder, with URLs under the base URL', async () => {
    const root = mkdtempSync(join(tmpdir(), 'xj-dir-'));
    mkdirSync(join(root, 'col', '.git'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<p>首页</p>');
    writeFileSync(join(root, 'col', 'a.htm'), iconv.encode('<meta charset="gbk"><p>政务公开栏目</p>', 'gb18030'));
    writeFileSync(join(root, 'col', 'note.txt'), '纯文本');
    writeFileSync(join(root, 'col', 'f.xlsx'), 'PK');
    writeFileSync(join(root, 'col', 'style.css'), 'p{}');
    writeFileSync(join(root, 'col', '.git', 'x.html'), 'ignored');
    const items: SourceItem[] = [];
    const src = new DirSource(root, 's', { now: () => FIXED_NOW }, 'https://a.gov.cn/');
    for await (const i of src.items()) items.push(i);
    const urls = items.flatMap((i) => (i.kind === 'page' ? [i.page.url] : i.kind === 'document' ? [i.doc.url] : []));
    // Two bytes are not a workbook: the attachment is listed, and why it was not read is an error.
    expect(items.find((i) => i.kind === 'error')).toMatchObject({ error: { input: 'https://a.gov.cn/col/f.xlsx', code: 'unsupported' } });
    expect(urls).toEqual(['https://a.gov.cn/col/a.htm', 'https://a.gov.cn/col/f.xlsx', 'https://a.gov.cn/col/note.txt', 'https://a.gov.cn/index.html']);
    const gbk = items[0]!;
    expect(gbk.kind === 'page' && gbk.page.text.text).toContain('政务公开栏目');
    const txt = items.filter((i) => i.kind === 'page')[1]!;
    expect(txt.kind === 'page' && txt.page.contentType).toBe('text');
    expect(src.complete()).toBe(true);
  });
  it('reports a folder that does not exist', async () => {
    const items: SourceItem[] = [];
    for await (const i of new DirSource('/no/such/dir', 's', { now: () => FIXED_NOW }).items()) items.push(i);
    expect(items[0]).toMatchObject({ kind: 'error', error: { input: '/no/such/dir', code: 'unreadable' } });
  });
  it('fails the run of a folder that cannot be read at all (a share unmounted since it was named), not a clean one', async () => {
    const r = await runPipeline(new DirSource('/no/such/dir', 's', { now: () => FIXED_NOW }), {
      command: 'ingest',
      site: { id: 's', name: '示例', urls: ['https://www.example.gov.cn/'] } as never,
      checks: selectChecks(['privacy']),
      clock: { now: () => FIXED_NOW },
      log: silentLogger,
    });
    expect(r.summary.status).toBe('failed');
    expect(r.errors.map((e) => e.code)).toContain('unreadable');
  });
});
