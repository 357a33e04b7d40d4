/**
 * health.charset — header, document and bytes disagree about the encoding, so some visitors
 * (browsers follow the header) see 乱码 while our decoder recovered the text.
 */
import type { PageCheck, Span, Page, Skipped } from '../types';

export const charsetMismatch: PageCheck = {
  kind: 'page',
  meta: {
    id: 'health.charset',
    family: 'health',
    title: '网页编码声明不一致 (charset declarations disagree)',
    severity: 'low',
    duty: 'operations',
    basis: '政府网站发展指引 (国办发〔2017〕47号) 网页设计规范: 页面正常显示',
    description:
      'Reports pages whose Content-Type charset, <meta charset> and actual bytes disagree (for example a GBK page served as ' +
      'UTF-8). Browsers follow the header, so visitors see garbled text. Off for sources without HTTP headers.',
    fix: '使服务器 Content-Type 的 charset 与页面 <meta charset> 及实际编码一致（建议统一为 UTF-8）。 Make header, meta and bytes agree.',
    version: 1,
    sensitive: false,
  },
  run(page: Page): Span[] | Skipped {
    if (page.contentType !== 'html') return { skipped: 'not html' };
    return page.charset.notes.map((note) => ({ target: `charset:${page.charset.encoding}`, discriminator: note, message: note }));
  },
};
