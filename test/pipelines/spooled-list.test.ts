import { SpooledList } from '../../pipelines/spooled-list';

interface Item { url: string; title: string; n: number; dates?: string[] }

const item = (n: number): Item => ({ url: `https://www.example.gov.cn/art/${n}.html`, title: `第${n}号通知“两个维护”`, n, ...(n % 3 ? { dates: [`2026-11-${String((n % 28) + 1).padStart(2, '0')}`] } : {}) });

describe('SpooledList', () => {
  it('is a plain array while it holds no more than it keeps in memory', () => {
    const l = new SpooledList<Item>(10);
    for (let n = 0; n < 10; n++) l.push(item(n));
    const a = l.asArray();
    expect(a).toEqual(Array.from({ length: 10 }, (_, n) => item(n)));
    expect(Object.getPrototypeOf(a)).toBe(Array.prototype);
  });

  it('reads back what it spooled, to every kind of reader', () => {
    const l = new SpooledList<Item>(3);
    const want = Array.from({ length: 5000 }, (_, n) => item(n));
    for (const x of want) l.push(x);
    const a = l.asArray();
    expect(Array.isArray(a)).toBe(true);
    expect(a.length).toBe(5000);
    expect(a[0]).toEqual(want[0]);
    expect(a[2]).toEqual(want[2]);
    expect(a[3]).toEqual(want[3]);
    expect(a[4999]).toEqual(want[4999]);
    expect(a[5000]).toBeUndefined();
    expect([...a]).toEqual(want);
    expect(a.map((x) => x.n)).toEqual(want.map((x) => x.n));
    expect(a.filter((x) => x.dates).length).toBe(want.filter((x) => x.dates).length);
    expect(a.find((x) => x.url.endsWith('/4321.html'))).toEqual(want[4321]);
    let seen = 0;
    for (const x of a) seen += x.n;
    expect(seen).toBe((4999 * 5000) / 2);
    expect(JSON.parse(JSON.stringify(a))).toEqual(want);
  });

  it('hands over every item in a plain array, each read once, kept ones as they are', () => {
    const l = new SpooledList<Item>(3);
    const want = Array.from({ length: 2000 }, (_, n) => item(n));
    for (const x of want) l.push(x);
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const all = l.toArray();
      expect(Object.getPrototypeOf(all)).toBe(Array.prototype);
      expect(all).toEqual(want);
      expect(all[0]).toBe(want[0]);
      expect(parse).toHaveBeenCalledTimes(2000 - 3);
    } finally {
      parse.mockRestore();
    }
    // The list is unchanged and still reads (the run's pages are read again for the JSON).
    expect(l.asArray()[1999]).toEqual(want[1999]);
  });

  it('reads an item before and after more are pushed, and one larger than its buffers', () => {
    const l = new SpooledList<Item>(0);
    const big = { ...item(1), title: '长'.repeat(100_000) };
    l.push(item(0));
    const a = l.asArray();
    expect(a[0]).toEqual(item(0));
    l.push(big);
    l.push(item(2));
    expect(a.length).toBe(3);
    expect(a[1]).toEqual(big);
    expect(a[2]).toEqual(item(2));
  });
});

describe('a run of more pages than it keeps in memory', () => {
  it('reports every page, the spooled ones as the kept ones, and their findings', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli } = await import('../helpers/cli');
    const work = mkdtempSync(join(tmpdir(), 'xj-spool-'));
    const N = 5200;
    const lines = Array.from({ length: N }, (_, i) => JSON.stringify({
      id: i, url: `https://www.example.gov.cn/zwgk/${i}.html`, title: `第${i}号通知`, publishedAt: '2026-11-02 09:00:00',
      html: `<p>发布时间：2026-11-02</p><p>${i === N - 3 ? '申请人身份证号码：110105199003071239。' : '各单位要认真贯彻落实。'}</p>`,
    }));
    writeFileSync(join(work, 'export.jsonl'), lines.join('\n') + '\n');
    const r = await runCli(['ingest', 'export.jsonl', '--format', 'json', '--fail-on', 'none', '--checks', 'privacy,dates'], work);
    const out = JSON.parse(r.stdout) as { summary: { pages: number; status: string }; pages: { url: string; title: string; publishedAt: string | null; findings: number }[]; findings: { rule: string; url: string }[] };
    expect(out.summary).toMatchObject({ pages: N, status: 'complete' });
    expect(out.pages).toHaveLength(N);
    expect(out.pages.map((p) => p.url)).toEqual(Array.from({ length: N }, (_, i) => `https://www.example.gov.cn/zwgk/${i}.html`));
    const late = out.pages[N - 3]!;
    expect(late).toMatchObject({ title: `第${N - 3}号通知`, findings: 1 });
    expect(late.publishedAt).toMatch(/^2026-11-02T09:00:00/);
    expect(out.findings.filter((f) => f.rule === 'privacy.id-card').map((f) => f.url)).toEqual([late.url]);
  }, 120_000);
});
