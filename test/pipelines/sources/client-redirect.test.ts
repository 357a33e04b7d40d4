/**
 * Stub pages that send the browser on (a meta refresh, a one-line script, a frameset of one frame),
 * against pages that must stay pages: one that refreshes itself for news, a notice that links
 * onward, a bot challenge that reloads itself, a frameset laid out of several frames.
 */
import { clientRedirectOf } from '../../../pipelines/sources/client-redirect';

const HOME = 'https://www.shifan.gov.cn/';

describe('clientRedirectOf', () => {
  it.each([
    ['a meta refresh', '<html><head><meta http-equiv="refresh" content="0;url=/col/col1/index.html"></head><body></body></html>', 'https://www.shifan.gov.cn/col/col1/index.html'],
    ['a meta refresh with its attributes the other way round and quoted URL', `<html><head><meta content="0; URL='portal/index.shtml'" http-equiv="Refresh"></head><body>正在跳转…</body></html>`, 'https://www.shifan.gov.cn/portal/index.shtml'],
    ['a script', '<html><head><script type="text/javascript">window.location.href = "/zwgk/";</script></head><body><p>如果浏览器没有自动跳转，请<a href="/zwgk/">点击这里</a></p></body></html>', 'https://www.shifan.gov.cn/zwgk/'],
    ['location.replace', "<html><head><script>self.location.replace('https://www.shifan.gov.cn/index.shtml')</script></head></html>", 'https://www.shifan.gov.cn/index.shtml'],
    ['another host', '<script>top.location="http://www.gxzf.gov.cn/sf/"</script>', 'http://www.gxzf.gov.cn/sf/'],
    ['an address in a variable, joined', '<script>var url = "/col/" + "col1/index.html";\nwindow.location.href = url;</script>', 'https://www.shifan.gov.cn/col/col1/index.html'],
    ['the string a timer runs', `<script>setTimeout("location.replace('/portal/')", 0)</script>`, 'https://www.shifan.gov.cn/portal/'],
    ['a frameset of one frame', '<html><head><title>示范市人民政府</title></head><frameset rows="100%,*" border="0"><frame src="/portal/index.html" frameborder="0"><noframes><body>您的浏览器不支持框架</body></noframes></frameset></html>', 'https://www.shifan.gov.cn/portal/index.html'],
    ['a layout\'s main frame', '<frameset rows="120,*"><frame name="top" src="/top.html" scrolling="no"><frameset cols="200,*"><frame name="left" src="/left.html"><frame name="mainFrame" src="/main.html"></frameset></frameset>', 'https://www.shifan.gov.cn/main.html'],
    ['the one frame of a layout that is not its header, menu or footer', '<frameset rows="100,*,60"><frame name="topFrame" src="/inc/top.html"><frameset cols="180,*"><frame name="leftFrame" src="/inc/menu.html"><frame name="rightFrame" src="/portal/home.html"></frameset><frame name="bottomFrame" src="/inc/foot.html"></frameset>', 'https://www.shifan.gov.cn/portal/home.html'],
    ['a header frame over an unnamed one', '<frameset rows="80,*"><frame src="/top.html"><frame src="/main.html"></frameset>', 'https://www.shifan.gov.cn/main.html'],
  ])('follows %s', (_name, html, target) => {
    expect(clientRedirectOf(html, HOME)).toBe(target);
  });

  it.each([
    ['a page that refreshes itself for news', `<html><head><meta http-equiv="refresh" content="300"></head><body><p>${'示范市召开常务会议，研究部署冬季安全生产工作。'.repeat(10)}</p></body></html>`],
    ['a slow refresh to elsewhere', '<html><head><meta http-equiv="refresh" content="60;url=/index.html"></head><body></body></html>'],
    ['a notice with content and a script that moves on', `<html><body><p>${'本网站已迁移至新地址，请更新收藏夹。各单位要认真贯彻落实通知要求。'.repeat(5)}</p><script>setTimeout(function(){location.href="/new/"},5000)</script></body></html>`],
    ['a bot challenge that reloads itself', '<html><body><script>document.cookie="a=1";location.href=location.pathname+location.search</script></body></html>'],
    ['a frameset of several frames, none of them furniture and none named for the content', '<frameset cols="50%,50%"><frame src="/zh.html"><frame src="/en.html"></frameset>'],
    ['a redirect to the page itself', '<meta http-equiv="refresh" content="0;url=https://www.shifan.gov.cn/">'],
    ['a javascript: address', '<script>location.href="javascript:void(0)"</script>'],
  ])('leaves %s alone', (_name, html) => {
    expect(clientRedirectOf(html, HOME)).toBeUndefined();
  });
});
