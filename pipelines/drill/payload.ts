/**
 * Safe drill payloads for the team to publish on the real or a staging site: every one marked
 * 演练 where a reader sees it and carrying the drill's marker, so what it causes is filed as a
 * drill and never counted as real. Personal data is synthetic: ID numbers pass GB 11643 with
 * invented sequence numbers for birthdays in 1900, which no living person has; mobile numbers
 * use the 199 segment's 0000 block.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { checkDigit } from '../../checks/privacy/id-number';
import { packDocument, para, table } from '../../reports/docx';
import { drillMarker, type Drill } from '../store/drills';

export interface PayloadFile {
  name: string;
  what: string;
}

/** Synthetic, checksum-valid ID numbers: born 1900, so no living person can hold one. */
export function syntheticIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const first17 = `110101190001${String(10 + i).padStart(2, '0')}${String(100 + i * 7).padStart(3, '0')}`;
    return first17 + checkDigit(first17);
  });
}

const BANNER = '【应急演练】本内容为网站安全应急演练的测试数据，不是真实信息，演练结束后删除。';

function page(title: string, marker: string, body: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>【演练】${title}</title><meta name="xunjian-drill" content="${marker}"></head>
<body><p style="color:#a50f15;font-weight:bold">${BANNER}</p><h1>【演练】${title}</h1>${body}<p>演练标识：${marker}</p></body></html>
`;
}

function people(): { name: string; id: string; mobile: string }[] {
  return syntheticIds(3).map((id, i) => ({ name: `演练${'甲乙丙'[i]}`, id, mobile: `1990000${String(1000 + i).slice(-4)}` }));
}

async function privacyFiles(d: Drill, dir: string, marker: string): Promise<PayloadFile[]> {
  const ps = people();
  const rows = ps.map((p) => `<tr><td>${p.name}</td><td>${p.id}</td><td>${p.mobile}</td></tr>`).join('');
  writeFileSync(join(dir, `${d.id}-privacy.html`), page('城乡低保对象公示（演练）', marker, `<table><tr><th>姓名</th><th>身份证号码</th><th>联系电话</th></tr>${rows}</table>`));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('演练名单');
  ws.addRow([BANNER]);
  ws.addRow(['姓名', '身份证号码', '联系电话']);
  for (const p of ps) ws.addRow([p.name, p.id, p.mobile]);
  ws.addRow([`演练标识：${marker}`]);
  writeFileSync(join(dir, `${d.id}-privacy.xlsx`), Buffer.from(await wb.xlsx.writeBuffer()));
  const docx = await packDocument('演练名单', 'xunjian drill', [para(BANNER, { bold: true }), table(['姓名', '身份证号码', '联系电话'], ps.map((p) => [p.name, p.id, p.mobile])), para(`演练标识：${marker}`)]);
  writeFileSync(join(dir, `${d.id}-privacy.docx`), docx);
  return [
    { name: `${d.id}-privacy.html`, what: '一个公示页面：3 条合成的身份证号码（校验位正确，出生年份 1900）和手机号码，标注“演练”' },
    { name: `${d.id}-privacy.xlsx`, what: '同样数据的附件表格，作为公示页面的附件发布' },
    { name: `${d.id}-privacy.docx`, what: '同样数据的 Word 附件' },
  ];
}

export async function writePayload(d: Drill, dir: string, site: { name: string; urls: string[]; siteCode?: string; icp?: string }): Promise<PayloadFile[]> {
  mkdirSync(dir, { recursive: true });
  const marker = drillMarker(d.id);
  const files: PayloadFile[] = [];
  const put = (name: string, content: string, what: string) => {
    writeFileSync(join(dir, name), content);
    files.push({ name, what });
  };
  switch (d.scenario) {
    case '隐私泄露':
      files.push(...(await privacyFiles(d, dir, marker)));
      break;
    case '泄密':
      put(`${d.id}-secret.html`, page('关于开展安全演练的通知（演练）', marker, '<p style="text-align:right">机密★1年</p><p>（演练用密级标志：测试保密审查流程，非真实涉密文件。）</p>'), '一个带“机密★1年”版头密级标志的页面，标注“演练”');
      break;
    case '暗链':
      put(`${d.id}-hidden-link.html`, `<!-- ${marker} -->\n<div style="display:none"><a href="http://drill-${d.id.toLowerCase()}.invalid/">【演练】澳门新葡京（演练测试链接）</a></div>\n`, '一段隐藏的测试链接（display:none，指向不存在的 .invalid 域名），插入任一页面的模板或正文');
      break;
    case '网页篡改':
      put(`${d.id}-defacement.html`, `<div class="drill-defacement" style="border:3px solid #a50f15;padding:12px"><h2>【演练】本区域已被演练团队替换</h2><p>${BANNER}</p><p>演练标识：${marker}</p></div>\n`, '一段替换首页或栏目页稳定区域（如“市长信箱”简介）的篡改片段；基线需已有 3 次以上快照');
      break;
    case '假冒网站': {
      const host = site.urls[0] ? new URL(site.urls[0]).host : 'www.example.gov.cn';
      put(`${d.id}-counterfeit.html`, page(`${site.name}`, marker, `<p>本页模拟一个假冒“${site.name}”的网站，部署在演练用的非政府域名上，用 xunjian lookalikes --candidates 或 check --url 检查。</p>
<div class="foot">主办：${site.name}${site.siteCode ? ` 网站标识码：${site.siteCode}` : ''}${site.icp ? ` ${site.icp}` : ''}</div>`).replace('<head>', `<head><meta name="SiteName" content="${site.name}">${site.siteCode ? `<meta name="SiteIDCode" content="${site.siteCode}">` : ''}`), `一个带本站身份标识的假冒页面，部署在演练主机上（不要用 ${host}）`);
      break;
    }
    case '证书过期':
    case '站点宕机':
      break;
  }
  const steps: Record<Drill['scenario'], string> = {
    隐私泄露: '在测试站或正式站发布公示页面和附件，等待下一次 scan/ingest；发现后按流程通报、下线。',
    泄密: '发布带密级标志的页面，等待下一次 scan；发现后按保密审查流程处置。',
    暗链: '把隐藏链接片段插入页面模板或正文，等待下一次 scan；发现后删除并排查。',
    网页篡改: '把篡改片段替换到关键页面的稳定区域，等待下一次 scan；发现后恢复。',
    假冒网站: '把假冒页面部署到演练主机，用 lookalikes（--candidates 列出演练域名）或 check --url 检查。',
    证书过期: '在测试站换上过期证书，运行 xunjian probe；演练进行中 tls.certificate 的发现按演练归档。',
    站点宕机: '停止测试站服务，按计划运行 xunjian probe（每天 20 次以上）；演练进行中 health.availability 的发现按演练归档。',
  };
  const readme = [`# 应急演练 ${d.id}：${d.scenario}`, '', BANNER, '', `站点：${d.site}`, `演练标识：${marker}（载荷中的这一标识使其引起的问题按演练归档）`, '', '## 载荷', '',
    ...(files.length ? files.map((f) => `- \`${f.name}\`：${f.what}`) : ['本场景没有载荷文件。']), '', '## 步骤', '', steps[d.scenario], '',
    '记录人工步骤：`xunjian drill event --type injected|reported|contained|restored|note --at TIME`，结束后 `xunjian drill finish`，再 `xunjian drill report --format docx`。', ''].join('\n');
  writeFileSync(join(dir, `${d.id}-README.md`), readme);
  files.push({ name: `${d.id}-README.md`, what: '演练步骤说明' });
  return files;
}
