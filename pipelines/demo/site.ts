/**
 * The bundled sample government site: realistic structure (TRS-style column and article URLs,
 * 网页元数据 meta tags, 网站标识码 and 备案 footer, a GBK page, attachments, robots.txt and a
 * sitemap) with problems seeded for every check family. The ID numbers are constructed test
 * vectors (valid checksum, no real person), see shared/reference/privacy-secrecy.md §8.
 *
 * Seeded, and the rule that finds each (rules of families not built yet find theirs when they land):
 * - privacy.id-card: full ID numbers in a 公示 table, one in a display:none cell
 * - privacy.bank-card: an unmasked UnionPay card number in the same table
 * - privacy.id-card in an attachment: the 公示 spreadsheet's ID column is hidden, not removed
 * - privacy.mobile in an attachment: a tracked deletion in a Word file keeps a mobile number
 * - privacy.mobile: a contact person's mobile number in a 通知
 * - links.broken: a homepage link and an article link to pages that 404
 * - health.charset: a GBK page served as UTF-8
 * - secrecy.marking: a 机密★1年 marking in an article
 * - health.identity: the 找错 widget carries a neighbouring site's 网站标识码 (a copied template)
 * - secrecy.credentials: a notice giving an internal system's address and its administrator's password
 * - wording.*: 中华人民共合国, a misspelt leader title;
 *   dates.*: an article dated in the future and one re-dated
 */
import iconv from 'iconv-lite';
import { buildDocx, buildPdf, buildXlsx } from './office';

export interface DemoResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const SITE_NAME = '示范市人民政府';
const SITE_CODE = '4501000001';
/** The 找错 widget still carries the code of the site whose template was copied. */
const NEIGHBOUR_CODE = '4501000002';

function page(title: string, column: string, pubDate: string, body: string, extraHead = ''): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${title}_${SITE_NAME}</title>
<meta name="SiteName" content="${SITE_NAME}">
<meta name="SiteDomain" content="www.demo.gov.cn">
<meta name="SiteIDCode" content="${SITE_CODE}">
<meta name="ColumnName" content="${column}">
<meta name="ColumnDescription" content="${SITE_NAME}${column}栏目">
<meta name="ColumnKeywords" content="${column}">
<meta name="ColumnType" content="${column}">
<meta name="ArticleTitle" content="${title}">
<meta name="PubDate" content="${pubDate}">
<meta name="ContentSource" content="${SITE_NAME}办公室">
${extraHead}
</head>
<body>
<div class="header"><a href="/">首页</a> <a href="/zwdt/">政务动态</a> <a href="/tzgg/">通知公告</a> <a href="/zfxxgk/">政府信息公开</a></div>
<div class="main">
<h1>${title}</h1>
<div class="info">发布时间：${pubDate.slice(0, 10)} 来源：${SITE_NAME}办公室</div>
${body}
</div>
<div class="footer">
<p>主办：${SITE_NAME}办公室 网站标识码：${SITE_CODE}</p>
<p><a href="https://beian.miit.gov.cn/">桂ICP备00000000号</a> 桂公网安备 45010002000001号</p>
<script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='http://dcs.conac.cn/js/45/000/0000/40001234/CA450000000400012340001.js' type='text/javascript'%3E%3C/script%3E"));</script>
<script id="_jiucuo_" sitecode='${NEIGHBOUR_CODE}' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></script>
</div>
</body>
</html>`;
}

function html(s: string, extraHeaders: Record<string, string> = {}): DemoResponse {
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', ...extraHeaders }, body: Buffer.from(s, 'utf8') };
}

export function demoSite(): Map<string, DemoResponse> {
  const r = new Map<string, DemoResponse>();
  r.set('/robots.txt', {
    status: 200,
    headers: { 'content-type': 'text/plain' },
    body: Buffer.from('User-agent: *\nDisallow: /admin/\n\nSitemap: {{origin}}/sitemap.xml\n'),
  });
  r.set(
    '/',
    html(
      page('首页', '首页', '2026-11-20 09:00', `
<ul class="news">
<li><a href="/zwdt/202611/t20261120_1001.html">示范市召开2026年第四季度经济形势分析会</a> <span>2026-11-20</span></li>
<li><a href="/zwdt/202611/t20261115_1002.html">市政府常务会议研究部署冬季安全生产工作</a> <span>2026-11-15</span></li>
<li><a href="/tzgg/202611/t20261110_1003.html">关于2026年度城乡居民最低生活保障对象的公示</a> <span>2026-11-10</span></li>
<li><a href="/tzgg/202611/t20261108_1007.html">关于启用示范市政务协同办公平台的通知</a> <span>2026-11-08</span></li>
<li><a href="/tzgg/202611/t20261105_1004.html">关于印发《示范市政务公开工作要点》的通知</a> <span>2026-11-05</span></li>
<li><a href="/zwdt/202301/t20230105_0999.html">示范市2023年新春团拜会（已删除的旧稿）</a> <span>2023-01-05</span></li>
<li><a href="/gbk/t20261101_1006.html">乡镇动态（旧系统页面）</a></li>
</ul>
<a href="/admin/login.html">后台管理</a>
<img src="/images/banner.png" alt="示范市欢迎您">`),
    ),
  );
  r.set('/images/banner.png', { status: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from('89504e470d0a1a0a', 'hex') });
  r.set(
    '/zwdt/',
    html(
      page('政务动态', '政务动态', '2026-11-20 09:00', `
<ul><li><a href="/zwdt/202611/t20261120_1001.html">示范市召开2026年第四季度经济形势分析会</a></li>
<li><a href="/zwdt/202611/t20261115_1002.html">市政府常务会议研究部署冬季安全生产工作</a></li></ul>`),
    ),
  );
  r.set(
    '/zwdt/202611/t20261120_1001.html',
    html(
      page('示范市召开2026年第四季度经济形势分析会', '政务动态', '2026-11-20 09:00', `
<p>11月19日，示范市召开2026年第四季度经济形势分析会。会议强调，要坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。</p>
<p>会议指出，中华人民共合国成立以来，示范市经济社会发展取得显著成就。</p>
<p>相关材料见<a href="/zwdt/202611/P020261120_fenxi.pdf">分析会材料（PDF）</a>，往期报道见<a href="/zwdt/202210/t20221010_0500.html">2022年分析会</a>。</p>`),
    ),
  );
  r.set('/zwdt/202611/P020261120_fenxi.pdf', {
    status: 200,
    headers: { 'content-type': 'application/pdf' },
    body: buildPdf(['2026年第四季度经济形势分析会材料', '一、主要经济指标运行情况', '二、下一步工作安排'], { Author: 'zhangsan-PC', Producer: 'demo' }),
  });
  r.set(
    '/zwdt/202611/t20261115_1002.html',
    html(
      page('市政府常务会议研究部署冬季安全生产工作', '政务动态', '2027-01-15 10:00', `
<p>11月14日，市长主持召开市政府常务会议，研究部署冬季安全生产工作。（本文发布日期晚于实际日期：日期字段被改写。）</p>
<p>机密★1年</p>
<p>会议要求各地各部门压实安全生产责任。</p>`),
    ),
  );
  r.set(
    '/tzgg/',
    html(
      page('通知公告', '通知公告', '2026-11-10 15:00', `
<ul><li><a href="/tzgg/202611/t20261110_1003.html">关于2026年度城乡居民最低生活保障对象的公示</a></li>
<li><a href="/tzgg/202611/t20261108_1007.html">关于启用示范市政务协同办公平台的通知</a></li>
<li><a href="/tzgg/202611/t20261105_1004.html">关于印发《示范市政务公开工作要点》的通知</a></li></ul>`),
    ),
  );
  r.set(
    '/tzgg/202611/t20261110_1003.html',
    html(
      page('关于2026年度城乡居民最低生活保障对象的公示', '通知公告', '2026-11-10 15:00', `
<p>根据《社会救助暂行办法》，现将2026年度城乡居民最低生活保障对象公示如下，公示期7天。</p>
<table>
<tr><th>序号</th><th>姓名</th><th>身份证号码</th><th>保障人数</th><th>补助发放卡号</th></tr>
<tr><td>1</td><td>张*</td><td>110105199003071239</td><td>3</td><td>6212345678901232</td></tr>
<tr><td>2</td><td>李*明</td><td>51010719850615002X</td><td>2</td><td>6222 **** **** 1234</td></tr>
<tr><td>3</td><td>王**</td><td>4501**********1234</td><td>1</td><td>6222 **** **** 5678</td></tr>
<tr style="display:none"><td>4</td><td>赵*</td><td>330106197011110099</td><td>4</td><td>6222 **** **** 9012</td></tr>
</table>
<p>附件：<a href="/tzgg/202611/P020261110_dibao.xlsx">低保对象名单.xlsx</a></p>
<p>监督电话：0771-1234567</p>`),
    ),
  );
  // The published list masks names, but the ID column was only hidden, not removed.
  r.set('/tzgg/202611/P020261110_dibao.xlsx', {
    status: 200,
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    body: buildXlsx([
      {
        name: '低保对象',
        rows: [
          ['序号', '姓名', '身份证号码', '保障人数'],
          ['1', '张*', '110105199003071239', '3'],
          ['2', '李*明', '51010719850615002X', '2'],
        ],
        hiddenColumns: [2],
      },
    ]),
  });
  // The notice as Word: a tracked deletion still holds a private mobile number.
  r.set('/tzgg/202611/P020261105_yaodian.docx', {
    status: 200,
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    body: buildDocx({
      paragraphs: ['示范市政务公开工作要点', '一、推进决策公开。'],
      deleted: ['联系人手机：13912345678'],
      comments: [{ author: '办公室', text: '请核对联系方式' }],
    }),
  });
  // A notice meant for the offices, published to the world: the internal system's address and its first password.
  r.set(
    '/tzgg/202611/t20261108_1007.html',
    html(
      page('关于启用示范市政务协同办公平台的通知', '通知公告', '2026-11-08 09:30', `
<p>市直各单位：</p>
<p>示范市政务协同办公平台已完成部署，即日起启用。访问地址：http://10.45.1.20:8080/oa（政务外网）。</p>
<p>各单位管理员账号：admin，初始密码：Sfs@2026xy，请登录后及时修改。</p>`),
    ),
  );
  r.set(
    '/tzgg/202611/t20261105_1004.html',
    html(
      page('关于印发《示范市政务公开工作要点》的通知', '通知公告', '2026-11-05 10:00', `
<p>示政办发〔2026〕12号</p>
<p>各县（市、区）人民政府，市直各委、办、局：</p>
<p>现将《示范市政务公开工作要点》印发给你们，请认真贯彻执行。</p>
<p>联系人：市政务公开办 刘**，电话 0771-7654321，手机 13800000000。</p>
<p>附件：<a href="/tzgg/202611/P020261105_yaodian.docx">工作要点.docx</a></p>`),
    ),
  );
  // Only in the sitemap: the crawler finds it there, not through links.
  r.set(
    '/zfxxgk/202611/t20261101_1005.html',
    html(page('示范市2026年政府信息公开工作年度报告', '政府信息公开', '2026-11-01 09:00', '<p>本报告根据《中华人民共和国政府信息公开条例》编制。</p>')),
  );
  r.set(
    '/zfxxgk/',
    html(page('政府信息公开', '政府信息公开', '2026-11-01 09:00', '<p>政府信息公开指南、目录、年报。</p>')),
  );
  // An old subsystem: GBK bytes, declared gb2312 in the page, but served with a UTF-8 header.
  const gbkHtml = page('乡镇动态', '乡镇动态', '2026-11-01 08:00', '<p>各乡镇扎实推进秋冬种工作，确保粮食生产稳定。</p>').replace(
    '<meta charset="utf-8">',
    '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
  );
  r.set('/gbk/t20261101_1006.html', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: iconv.encode(gbkHtml, 'gb18030') });
  r.set('/admin/login.html', html('<html><body>后台登录</body></html>'));
  r.set(
    '/sitemap.xml',
    {
      status: 200,
      headers: { 'content-type': 'application/xml' },
      body: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{{origin}}/</loc><lastmod>2026-11-20</lastmod></url>
<url><loc>{{origin}}/zfxxgk/202611/t20261101_1005.html</loc><lastmod>2026-11-01</lastmod></url>
</urlset>`),
    },
  );
  return r;
}
