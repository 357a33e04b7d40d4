import { decide, parseRobots, crawlDelayMs, sitemapsOf } from '../../../pipelines/sources/robots';

const O = 'https://www.example.gov.cn';
const txt = (s: string) => Buffer.from(s);

describe('robots.txt', () => {
  const rules = parseRobots(O, 200, txt('User-agent: *\nDisallow: /admin/\n\nUser-agent: XunjianBot\nDisallow: /private/\nCrawl-delay: 2\n\nSitemap: https://www.example.gov.cn/sitemap.xml\n'));
  it('matches our group by product token, with the line as the reason', () => {
    expect(decide(rules, `${O}/private/a.html`, 'XunjianBot')).toEqual({ allowed: false, reason: 'disallowed by robots.txt line 5' });
    // Our own group replaces the * group (RFC 9309), so /admin/ is allowed for us.
    expect(decide(rules, `${O}/admin/`, 'XunjianBot').allowed).toBe(true);
    expect(crawlDelayMs(rules, 'XunjianBot')).toBe(2000);
    expect(sitemapsOf(rules)).toEqual(['https://www.example.gov.cn/sitemap.xml']);
  });
  it('a 4xx robots.txt allows everything; 5xx or no answer disallows everything', () => {
    expect(decide(parseRobots(O, 404, undefined), `${O}/x`, 'XunjianBot').allowed).toBe(true);
    expect(decide(parseRobots(O, 503, undefined), `${O}/x`, 'XunjianBot')).toMatchObject({ allowed: false, reason: expect.stringContaining('unreachable') });
    expect(decide(parseRobots(O, undefined, undefined, 'timeout'), `${O}/x`, 'XunjianBot').allowed).toBe(false);
  });
  it('treats garbage as no rules', () => {
    const f = parseRobots(O, 200, Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0a, 0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e]));
    expect(decide(f, `${O}/anything`, 'XunjianBot').allowed).toBe(true);
  });
  it('refuses to answer for another origin instead of silently allowing', () => {
    expect(() => decide(rules, 'https://other.gov.cn/', 'XunjianBot')).toThrow(/asked about/);
  });
});
