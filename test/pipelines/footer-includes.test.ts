/**
 * Footers a template loads by script or frame: a crawled homepage whose 网站标识码, filings, CONAC
 * mark and 找错 entry live in /js/footer.js (document.write), /inc/bottom.html (jQuery .load) or an
 * <iframe> carries them for health.identity as its visitors see them. A loopback site serves each
 * template; a footer file without the marks still leaves them missing.
 */
import { includedMarkup } from '../../pipelines/sources/footer-includes';
import { footerIncludes } from '../../checks/counterfeit/footer-files';
import { startLoopback } from '../helpers/loopback';
import { scanSite } from '../helpers/scan-site';

const MARKS =
  '<p>主办：示范市人民政府办公室 网站标识码：4501000001</p><p>桂ICP备05001234号-1 桂公网安备 45010002000001号</p>' +
  `<span id='_ideConac'></span><script type='text/javascript' src='http://dcs.conac.cn/js/45/000/0000/40001234/CA450000000400012340001.js'></script>` +
  `<script id="_jiucuo_" sitecode='4501000001' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></script>`;
/** The same footer as a script writes it: escaped quotes, a \u escape, the text split over literals. */
const FOOTER_JS = `document.writeln("<div class=\\"foot\\">");
document.writeln('<p>主办：示范市人民政府办公室 \\u7f51\\u7ad9标识码：4501000001</p>');
document.writeln('<p>桂ICP备' + '05001234号-1 桂公网安备 45010002000001号</p>');
document.writeln("<span id='_ideConac'></span><script type='text/javascript' src='http://dcs.conac.cn/js/45/000/0000/40001234/CA450000000400012340001.js'></scr" + "ipt>");
document.writeln("<script id=\\"_jiucuo_\\" sitecode='4501000001' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></scr" + "ipt>");
document.writeln("</div>");`;

const home = (loader: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>示范市人民政府</title><meta name="SiteIDCode" content="4501000001">
<script src="/js/jquery.min.js"></script></head><body><ul><li><a href="/a.html">示范市召开常务会议</a> 2026-11-20</li></ul>
<div id="footer"></div>${loader}</body></html>`;

async function identityFindings(loader: string, files: Record<string, [string, string]>): Promise<string[]> {
  const srv = await startLoopback((req, res) => {
    if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
    if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(home(loader));
    if (req.url === '/a.html') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>会议</title></head><body><p>2026-11-20 示范市召开常务会议。</p></body></html>');
    const f = files[req.url ?? ''];
    if (f) return res.writeHead(200, { 'content-type': f[0] }).end(f[1]);
    res.writeHead(404).end();
  });
  try {
    const r = await scanSite(srv.origin, ['health.identity'], { now: '2026-11-21T02:00:00Z' });
    expect(r.summary.status).toBe('complete');
    return r.findings.filter((f) => f.rule === 'health.identity').map((f) => f.title);
  } finally {
    await srv.close();
  }
}

describe('a footer the template loads by script or frame', () => {
  it.each([
    ['written by a script', '<script type="text/javascript" src="/js/footer.js"></script>', { '/js/footer.js': ['application/javascript', FOOTER_JS] }],
    ['loaded by jQuery', '<script>$(function(){ $("#footer").load("/inc/bottom.html"); });</script>', { '/inc/bottom.html': ['text/html; charset=utf-8', MARKS] }],
    ['in a frame', '<iframe src="/footer.html" width="100%" height="160" frameborder="0" scrolling="no"></iframe>', { '/footer.html': ['text/html; charset=utf-8', `<html><body>${MARKS}</body></html>`] }],
  ] as [string, string, Record<string, [string, string]>][])('carries the homepage\'s marks when %s', async (_name, loader, files) => {
    expect(await identityFindings(loader, files)).toEqual([]);
  }, 60_000);

  it('a footer file without the marks leaves them missing', async () => {
    const titles = await identityFindings('<script src="/js/footer.js"></script>', { '/js/footer.js': ['application/javascript', 'document.write("<p>版权所有：示范市人民政府</p>");'] });
    expect(titles).toEqual([expect.stringContaining('首页缺少ICP备案号、公安机关备案号')]);
  }, 60_000);
});

describe('footerIncludes', () => {
  it('names footer files on the site or another gov.cn host, not libraries, statistics or other hosts', () => {
    const html = `<script src="/js/jquery.min.js"></script><script src="https://hm.baidu.com/hm.js?x"></script>
<script src="/include/foot.js?v=2"></script><iframe src="https://www.gxzf.gov.cn/common/copyright.html"></iframe>
<script src="https://cdn.example.com/footer.js"></script><script>$('#ft').load('/inc/bottom.shtml');</script><script src="/js/footprint-map.js"></script>`;
    expect(footerIncludes(html, 'https://www.shifan.gov.cn/')).toEqual([
      'https://www.shifan.gov.cn/include/foot.js?v=2',
      'https://www.gxzf.gov.cn/common/copyright.html',
      'https://www.shifan.gov.cn/inc/bottom.shtml',
    ]);
  });

  it('reads what a script writes', () => {
    expect(includedMarkup(FOOTER_JS, 'application/javascript')).toContain('<p>桂ICP备05001234号-1 桂公网安备 45010002000001号</p>');
    expect(includedMarkup(FOOTER_JS, 'application/javascript')).toContain('网站标识码：4501000001');
  });
});
