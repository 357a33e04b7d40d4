import { brokenLinks } from '../../../checks/links/broken';
import type { Site, Span } from '../../../checks/types';
import { testContext, testSite } from '../../helpers/context';

const site = (links: Site['links']): Site => testSite({ links });

function run(links: Site['links']): Span[] {
  const r = brokenLinks.run(site(links), testContext());
  return Array.isArray(r) ? r : [];
}

describe('links.broken', () => {
  it('reports 4xx/5xx and network failures, medium on the homepage', () => {
    const spans = run([
      { from: 'https://www.example.gov.cn/', to: 'https://www.example.gov.cn/gone.html', status: 404, anchor: '旧闻' },
      { from: 'https://www.example.gov.cn/a/index.html', to: 'https://www.example.gov.cn/x.pdf', error: 'timeout' },
      { from: 'https://www.example.gov.cn/index.html', to: 'https://www.example.gov.cn/e', status: 500 },
    ]);
    expect(spans.map((s) => [s.target, s.severity])).toEqual([
      ['https://www.example.gov.cn/gone.html', 'medium'],
      ['https://www.example.gov.cn/x.pdf', 'low'],
      ['https://www.example.gov.cn/e', 'medium'],
    ]);
    expect(spans[0]!.message).toContain('HTTP 404');
    expect(spans[1]!.message).toContain('timeout');
  });
  it('ignores links that worked, including redirects', () => {
    expect(run([{ from: 'https://www.example.gov.cn/', to: 'https://www.example.gov.cn/ok', status: 200 }, { from: 'https://www.example.gov.cn/', to: 'https://www.example.gov.cn/r', status: 301 }])).toEqual([]);
  });
  it('keeps one span per (source, target), so fingerprints are stable', () => {
    const spans = run([
      { from: 'https://www.example.gov.cn/a', to: 'https://www.example.gov.cn/gone', status: 404 },
      { from: 'https://www.example.gov.cn/b', to: 'https://www.example.gov.cn/gone', status: 404 },
    ]);
    expect(spans.map((s) => s.url)).toEqual(['https://www.example.gov.cn/a', 'https://www.example.gov.cn/b']);
  });
});
