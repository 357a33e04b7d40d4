/**
 * counterfeit.page-copy — a page on a host that cannot be a government site is a copy of a
 * configured site's page: the same sentences (looked up in the prints the store keeps of every
 * crawl) in the same page shape, or the same text under a government identity. The sentences the
 * copy has and the original lacks are named, since that is where counterfeits insert a person's
 * name, a fake credential or a payment line into an official text.
 *
 * A news site republishing an article uses its own template and claims no government identity:
 * the same text alone is not a finding. A copy that keeps no identity mark at all is still found.
 */
import type { Context, OriginalMatch, Page, PageCheck, Skipped, Span } from '../types';
import { identityMarks, markupWithIncludes } from './marks';
import { isOfficialHost, servedHost } from './hosts';
import { governmentClaims } from './gov-claim';
import { hamming64, printsOf, shapeSimilarity } from './prints';

/** Shared content sentences, and their share of the original's, that make a text copy. */
const MIN_SHARED = 3;
const MIN_SHARE = 0.5;
/** A DOM shape this close to the original's is its template. */
const SAME_SHAPE = 0.5;
/** A template clone without the article: most of the original's page furniture, in its shape. */
const TEMPLATE_SHAPE = 0.7;
const MIN_TEMPLATE = 4;
const SHOWN_CHANGES = 3;
/** Lines every CMS template puts around an article: a copy's own are not what it changed. */
const FURNITURE = /发布时间|发布日期|来源[:：]|浏览次数|点击数|阅读次数|字体[:：]|【[大中小]|打印本页|关闭窗口|当前位置|您现在的位置|分享到|版权所有|主办单位|承办单位|技术支持|网站标识码|ICP备|公网安备|分辨率/;

function clip(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

export interface CopyVerdict {
  original: OriginalMatch;
  kind: 'page' | 'template';
  shape: number;
  distance: number;
  /** Offsets of the copy's sentences that the original does not have. */
  changes: { start: number; end: number }[];
  claims: string[];
}

/** The configured page this one copies, if any, with how it differs. */
export function copyOf(page: Page, ctx: Context): CopyVerdict | undefined {
  const prints = printsOf(page.text);
  const text = page.text.text;
  if (!ctx.originals || prints.sentences.length === 0) return undefined;
  const matches = ctx.originals.sharing(prints.sentences.map((s) => s.hash), 5);
  const claims = governmentClaims(identityMarks(markupWithIncludes(page)));
  for (const m of matches) {
    const content = m.shared - m.template;
    const originalContent = Math.max(1, m.page.sentences.length - m.template);
    const shape = shapeSimilarity(prints.shape, m.page.shape);
    const textCopy = content >= MIN_SHARED && content / originalContent >= MIN_SHARE;
    const templateCopy = m.template >= MIN_TEMPLATE && shape >= TEMPLATE_SHAPE;
    if (!(textCopy && (shape >= SAME_SHAPE || claims.length)) && !templateCopy) continue;
    const had = new Set(m.page.sentences);
    const furniture = new Set(m.templateHashes);
    // The article's copied text: shared sentences that are not the site's furniture, nor the page
    // title the visible text ends with. An inserted line sits among them; the copy's own furniture
    // (a different template's navigation, crumbs, footer) sits around them.
    const titleAt = text.length - page.text.title.length;
    const copied = prints.sentences.map((s, i) => (had.has(s.hash) && !furniture.has(s.hash) && s.start < titleAt - 1 ? i : -1)).filter((i) => i >= 0);
    const first = copied[0] ?? 0;
    const last = copied[copied.length - 1] ?? 0;
    const rank = (i: number): number => (i > first && i < last ? 0 : copied.reduce((best, j) => Math.min(best, Math.abs(i - j)), Infinity));
    const changes = prints.sentences
      .map((s, i) => ({ start: s.start, end: s.end, rank: rank(i) + (FURNITURE.test(text.slice(s.start, s.end)) ? 0.5 : 0), i }))
      .filter((c) => !had.has(prints.sentences[c.i]!.hash))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map(({ start, end }) => ({ start, end }));
    return { original: m, kind: textCopy ? 'page' : 'template', shape, distance: hamming64(prints.simhash, m.page.simhash), changes, claims };
  }
  return undefined;
}

export const pageCopy: PageCheck = {
  kind: 'page',
  meta: {
    id: 'counterfeit.page-copy',
    family: 'counterfeit',
    title: '假冒网站：复制本单位网站页面 (counterfeit: a copy of this site\u2019s page on another host)',
    severity: 'critical',
    duty: 'security',
    basis: '中网办发文〔2014〕1号; 国办函〔2018〕55号 (政府网站仅使用 .gov.cn 与 .政务 域名); 《网络安全法》第十二条',
    description:
      'Needs the store: the sentences, text SimHash and DOM shape of every page crawled or ingested for a configured site are ' +
      'kept, and a page on a host outside gov.cn, .政务 and the configured hosts is compared with them. A copy is at least 3 ' +
      'shared sentences making half of the original\u2019s text, in the original\u2019s page shape or under a government identity; a ' +
      'template clone is most of the original\u2019s page furniture in its shape. The finding names the original, the similarity ' +
      'and the sentences the copy added or changed (an inserted name, a fee, a phone number). A republication by a news site, ' +
      'in its own template and without a government identity, is not reported.',
    fix: '固定证据后向 12377.cn 举报并通报公安机关，在官网发布声明；比对被改动的语句，评估对公众的误导。 Keep the evidence, report to 12377.cn and the police, publish a notice.',
    version: 1,
    sensitive: false,
  },
  run(page: Page, ctx: Context): Span[] | Skipped {
    const host = servedHost(page);
    if (typeof host !== 'string') return host;
    if (!ctx.originals) return { skipped: 'no stored pages of configured sites to compare with (needs a store)' };
    if (isOfficialHost(host, ctx.inventory)) return [];
    const v = copyOf(page, ctx);
    if (!v) return [];
    const o = v.original;
    const text = page.text.text;
    const changed = v.changes.slice(0, SHOWN_CHANGES).map((c) => `「${clip(text.slice(c.start, c.end))}」`).join('、');
    const how = v.kind === 'page'
      ? `复制了 ${o.page.url}（${o.page.title}）：共有 ${o.shared} 句（原页 ${o.page.sentences.length} 句），文本 SimHash 距离 ${v.distance}，版式相似度 ${v.shape.toFixed(2)}`
      : `套用了 ${o.page.url} 的页面模板（共有 ${o.template} 句栏目/页脚文字，版式相似度 ${v.shape.toFixed(2)}）`;
    const added = v.changes.length ? `；原页没有而此页有的语句 ${v.changes.length} 句：${changed}${v.changes.length > SHOWN_CHANGES ? ' 等' : ''}` : '；与原页文字一致';
    const claims = v.claims.length ? `；冒用身份：${v.claims.join('、')}` : '';
    const first = v.changes[0];
    return [{
      ...(first ? { start: first.start, end: first.end } : { target: page.finalUrl || page.url }),
      severity: v.kind === 'page' || v.claims.length ? 'critical' : 'high',
      message: `${host} 上的页面${how}${added}${claims}`,
      discriminator: `${o.page.siteId}|${o.page.url}`,
    }];
  },
};
