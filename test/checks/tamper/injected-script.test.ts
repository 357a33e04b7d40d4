/** tamper.injected-script: hidden frames, odd or new origins, obfuscation, cloaking, miners, redirects. */
import { runCheckCases } from '../../helpers/check-tester';
import { createPage } from '../../../checks/page';
import { injectedScript } from '../../../checks/tamper/injected-script';
import type { Span } from '../../../checks/types';
import { FIXED_NOW, testContext } from '../../helpers/context';

const run = (html: string, origins?: string[], trustedHosts?: string[]) =>
  injectedScript.run(createPage({ siteId: 't', url: 'https://www.example.gov.cn/a.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html, origin: 'crawl' }), {
    ...testContext(), ...(origins ? { known: { linkDomains: new Set(), scriptOrigins: new Set(origins) } } : {}), ...(trustedHosts ? { trustedHosts } : {}),
  }) as Span[];

runCheckCases(injectedScript, {
  valid: [
    { name: 'Baidu statistics', html: '<script>var _hmt=_hmt||[];(function(){var hm=document.createElement("script");hm.src="https://hm.baidu.com/hm.js?abc";var s=document.getElementsByTagName("script")[0];s.parentNode.insertBefore(hm,s);})();</script>' },
    { name: 'CNZZ written by document.write(unescape())', html: `<script>var cnzz_protocol=(("https:"==document.location.protocol)?"https://":"http://");document.write(unescape("%3Cspan id='cnzz_stat_icon_1'%3E%3C/span%3E%3Cscript src='"+cnzz_protocol+"s9.cnzz.com/z_stat.php%3Fid%3D1' type='text/javascript'%3E%3C/script%3E"));</script>` },
    { name: 'a mobile redirect to its own mobile site', html: '<script>if(/(iPhone|Android)/i.test(navigator.userAgent)){window.location.href="/m/";}</script>' },
    { name: 'a visible video frame from another gov site', html: '<iframe src="https://v.other.gov.cn/p?id=1" width="640" height="360"></iframe>' },
    { name: 'an external library from an ordinary CDN, without history', html: '<script src="https://cdn.bootcdn.net/ajax/libs/jquery/3.6.0/jquery.min.js"></script>' },
  ],
  invalid: [
    { name: 'a zero-size frame to another site', html: '<iframe src="http://www.evil.com/x.htm" width="0" height="0"></iframe>', spans: [{ match: 'http://www.evil.com/x.htm', severity: 'high' }] },
    { name: 'a script from an IP address', html: '<script src="http://1.2.3.4/j.js"></script>', spans: [{ match: 'http://1.2.3.4/j.js', severity: 'high' }] },
    { name: 'a miner', html: '<script>var m=new CoinHive.Anonymous("k");m.start();</script>', spans: [{ match: 'https://www.example.gov.cn/a.html#script-1', severity: 'critical' }] },
    { name: 'a meta refresh off the site', html: '<meta http-equiv="refresh" content="0; url=http://www.xpj.net/">', spans: [{ match: 'http://www.xpj.net/', severity: 'high' }] },
  ],
});

describe('tamper.injected-script, beyond the cases', () => {
  it('reports an origin the site never loaded before, unless it is a trusted host', () => {
    const html = '<script src="https://cdn.newstat.com/s.js"></script>';
    expect(run(html, ['https://hm.baidu.com'])[0]!.message).toMatch(/本站以前从未加载该来源/);
    expect(run(html, ['https://cdn.newstat.com'])).toEqual([]);
    expect(run(html, ['https://hm.baidu.com'], ['newstat.com'])).toEqual([]);
  });
  it('reads spider cloaking and never quotes markup unescaped', () => {
    const r = run("<script>if(navigator.userAgent.match(/baiduspider|sogou/i)){document.write('<a href=\"http://www.xpj.top/\">新葡京</a>')}</script>");
    expect(r[0]).toMatchObject({ severity: 'critical', message: expect.stringMatching(/爬虫 User-Agent/) });
    expect(r[0]!.message).not.toMatch(/<a/);
  });
  it('reads a 1 MB one-line script within bounds', () => {
    const code = `var a="${'x'.repeat(1_000_000)}";`;
    const t0 = Date.now();
    expect(run(`<script>${code}</script>`)).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
