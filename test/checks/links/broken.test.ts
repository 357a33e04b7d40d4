import { brokenLinks } from '../../../checks/links/broken';
import type { Site, Span } from '../../../checks/types';
import { testContext, testSite } from '../../helpers/context';

const site = (links: Site['links']): Site => testSite({ links });

function run(links: Site['links'], before?: Map<string, number>): Span[] {
  const r = brokenLinks.run({ ...site(links), ...(before ? { linkFailuresBefore: before } : {}) }, testContext());
  return Array.isArray(r) ? r : [];
}

describe('links.broken', () => {
  it('reports 4xx/5xx and network failures that failed before, medium when the homepage carries the link', () => {
    const before = new Map([['https://www.example.gov.cn/x.pdf', 1], ['https://www.example.gov.cn/e', 2]]);
    const spans = run([
      { from: 'https://www.example.gov.cn/', to: 'https://www.example.gov.cn/gone.html', status: 404, anchor: '旧闻' },
      { from: 'https://www.example.gov.cn/a/index.html', to: 'https://www.example.gov.cn/x.pdf', error: 'timeout' },
      { from: 'https://www.example.gov.cn/index.html', to: 'https://www.example.gov.cn/e', status: 500 },
    ], before);
    expect(spans.map((s) => [s.target, s.severity])).toEqual([
      ['https://www.example.gov.cn/gone.html', 'medium'],
      ['https://www.example.gov.cn/x.pdf', 'low'],
      ['https://www.example.gov.cn/e', 'medium'],
    ]);
    expect(spans[0]!.message).toContain('HTTP 404');
    expect(spans[0]!.message).toContain('首页');
    expect(spans[1]!.message).toContain('timeout');
    expect(spans[1]!.message).toContain('1 个栏目页');
    expect(spans[1]!.message).toContain('连续 2 次检测失败');
    expect(spans[2]!.message).toContain('连续 3 次检测失败');
  });

  it('tells a host that failed once (info) from a link that is gone (reported at once)', () => {
    const links: Site['links'] = [
      { from: 'https://www.example.gov.cn/', to: 'https://busy.example.com/a', error: 'timeout', external: true },
      { from: 'https://www.example.gov.cn/', to: 'https://www.example.gov.cn/e', status: 503 },
      { from: 'https://www.example.gov.cn/', to: 'https://www.example.gov.cn/gone', status: 404 },
    ];
    const first = run(links, new Map());
    expect(first.map((s) => s.severity)).toEqual(['info', 'info', 'medium']);
    expect(first[0]!.message).toContain('首次失败');
    expect(first[2]!.message).not.toContain('首次失败');
    // The same failures in the next run: broken links now.
    const again = run(links, new Map(links.map((l) => [l.to, 1])));
    expect(again.map((s) => s.severity)).toEqual(['medium', 'medium', 'medium']);
  });

  it('an outbound host that refuses programs (bot walls, 412 challenges) is info for a person to try, run after run', () => {
    const links: Site['links'] = [
      { from: 'https://www.example.gov.cn/', to: 'https://www.province.gov.cn/', status: 412, external: true, anchor: '省政府' },
      { from: 'https://www.example.gov.cn/', to: 'https://partner.example.com/', status: 403, external: true },
      { from: 'https://www.example.gov.cn/', to: 'https://www.example.gov.cn/private/', status: 403 },
      { from: 'https://www.example.gov.cn/', to: 'https://gone.example.com/a', status: 404, external: true },
    ];
    for (const before of [new Map<string, number>(), new Map(links.map((l) => [l.to, 3]))]) {
      const spans = run(links, before);
      expect(spans.map((s) => s.severity)).toEqual(['info', 'info', 'medium', 'medium']);
      expect(spans[0]!.message).toContain('拒绝了检测程序');
    }
  });

  it('reports a link to an #id its page lacks as low, and shows GBK-escaped addresses readably', () => {
    const spans = run([
      { from: 'https://www.example.gov.cn/', to: 'https://www.example.gov.cn/a.html#sec9', status: 200, missingAnchor: 'sec9' },
      { from: 'https://www.example.gov.cn/b', to: 'https://www.example.gov.cn/s.jsp?kw=%D5%FE%B8%AE', status: 404 },
    ]);
    expect(spans.map((s) => s.severity)).toEqual(['low', 'low']);
    expect(spans[0]!.message).toContain('页面中没有锚点 #sec9');
    expect(spans[1]!.message).toContain('/s.jsp?kw=政府');
    expect(spans[1]!.target).toBe('https://www.example.gov.cn/s.jsp?kw=%D5%FE%B8%AE');
  });

  it('ignores links that worked, including redirects', () => {
    expect(run([{ from: 'https://www.example.gov.cn/', to: 'https://www.example.gov.cn/ok', status: 200 }, { from: 'https://www.example.gov.cn/', to: 'https://www.example.gov.cn/r', status: 301 }])).toEqual([]);
  });

  it('reports a target once, with how many pages carry it and the first of them', () => {
    const spans = run([
      { from: 'https://www.example.gov.cn/a', to: 'https://www.example.gov.cn/gone', status: 404, carriers: 5000 },
      { from: 'https://www.example.gov.cn/b', to: 'https://www.example.gov.cn/gone', status: 404, carriers: 5000 },
    ]);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.url).toBe('https://www.example.gov.cn/gone');
    expect(spans[0]!.message).toContain('5000 个页面含此链接：https://www.example.gov.cn/a、https://www.example.gov.cn/b');
  });

  it('reports a soft 404 and an outbound link, and leaves a lapsed domain to links.hijacked', () => {
    const spans = run([
      { from: 'https://www.example.gov.cn/', to: 'https://www.example.gov.cn/old.html', status: 200, soft404: true },
      { from: 'https://www.example.gov.cn/a', to: 'https://partner.example.com/x', status: 404, external: true },
      { from: 'https://www.example.gov.cn/a', to: 'https://lapsed.example.com/', error: 'dns', hijack: 'unresolvable', external: true },
      { from: 'https://www.example.gov.cn/a', to: 'https://fine.example.com/', status: 200, external: true },
    ]);
    expect(spans.map((s) => s.target)).toEqual(['https://www.example.gov.cn/old.html', 'https://partner.example.com/x']);
    expect(spans[0]!.message).toContain('页面不存在');
    expect(spans[1]!.message).toContain('外部链接');
  });
});
