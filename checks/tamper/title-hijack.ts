/**
 * tamper.title-hijack — the title, keywords and description (TDK) rewritten for search engines:
 * gambling or porn words prepended to a government page's title, the classic written as HTML
 * numeric entities (`&#28595;&#38376;…`) so a reviewer reading the source sees digits, or a script
 * that sets `document.title` to spam. Entities and escapes are decoded before matching
 * (reference counterfeit-tamper.md §7, E1).
 */
import { decodeHTML } from 'entities';
import type { Page, PageCheck, Skipped, Span } from '../types';
import { elements, textOf } from '../text/dom-walk';
import { spamWords } from './hidden-link';
import { evalString, expressionsAfter, leadingString, stringBindings, type Bindings } from './js-strings';
import { MAX_SCRIPT } from './scripts';
import { pageResources, type PageResources } from './resources';

const NUMERIC_ENTITY = /&#(?:x[0-9a-f]+|\d+);/gi;

function rawTitle(source: string): string | undefined {
  return /<title[^>]*>([\s\S]{0,4000}?)<\/title>/i.exec(source.slice(0, 256 * 1024))?.[1];
}

/**
 * Code that sets the title: `document.title = …`, the title element's innerHTML/innerText/textContent
 * (by getElementsByTagName or querySelector), jQuery's `$('title').text(…)` and `$(document).attr('title', …)`.
 */
const TITLE_SETTERS = [
  /document\s*\.\s*title\s*=\s*/,
  /(?:getElementsByTagName\(\s*['"]title['"]\s*\)\s*\[\s*0\s*\]|querySelector\(\s*['"]title['"]\s*\))\s*\.\s*(?:innerHTML|innerText|textContent)\s*=\s*/,
  /\$\(\s*['"]title['"]\s*\)\s*\.\s*(?:text|html)\(\s*/,
  /\$\(\s*document\s*\)\s*\.\s*attr\(\s*['"]title['"]\s*,\s*/,
];
const TITLE_WRITES = new RegExp(TITLE_SETTERS.map((r) => r.source).join('|'), 'g');
/**
 * Code that sets the keywords or description meta: `querySelector('meta[name="keywords"]')` or
 * `getElementsByName('description')[0]`, then `.content =` or `.setAttribute('content', …)`, and
 * jQuery's `$('meta[name=keywords]').attr('content', …)`.
 */
const META_WRITES = /(?:querySelector\(\s*['"]meta\[name=['"]?(keywords|description)['"]?\]['"]\s*\)|getElementsByName\(\s*['"](keywords|description)['"]\s*\)\s*\[\s*0\s*\])\s*\.\s*(?:content\s*=(?!=)\s*|setAttribute\(\s*['"]content['"]\s*,\s*)|\$\(\s*['"]meta\[name=['"]?(keywords|description)['"]?\]['"]\s*\)\s*\.\s*attr\(\s*['"]content['"]\s*,\s*/g;

/** Meta fields search engines and share cards show as the page's title or summary (ArticleTitle: the TRS/Hanweb article meta). */
const SHOWN_META = new Set(['keywords', 'description', 'og:title', 'og:description', 'articletitle', 'twitter:title']);

export const titleHijack: PageCheck = {
  kind: 'page',
  meta: {
    id: 'tamper.title-hijack',
    family: 'tamper',
    title: '标题、关键词或描述被劫持 (title, keywords or description hijacked)',
    severity: 'critical',
    duty: 'security',
    basis: '国办秘函〔2019〕19号 单项否决 (网站被篡改; 发布或链接色情、赌博等内容)',
    description:
      'Gambling, porn, loan or forged-document words (wordlists/link-spam.json, outside 打击/查处 contexts) in the decoded ' +
      '<title>, keywords or description meta, in a title, keywords or description a script writes (read, or run in the script sandbox), or in those Chromium shows once a key page\u2019s ' +
      'scripts ran (scan renders the homepage and tamper.keyPages) (critical); a title written mostly as numeric ' +
      'HTML entities, which no CMS produces and SEO hijackers do (high even without a known word).',
    fix: '恢复被篡改的模板或页面头部，排查入侵途径；向搜索引擎提交快照更新。 Restore the template, find the entry point, ask search engines to refresh.',
    version: 1,
    sensitive: false,
  },
  run(page: Page): Span[] | Skipped {
    if (page.contentType !== 'html') return { skipped: 'not html' };
    const out: Span[] = [];
    const title = page.text.title;
    const raw = rawTitle(page.source) ?? '';
    const fields: [string, string][] = [['<title>', title]];
    for (const el of elements(page.dom)) {
      if (el.name !== 'meta') continue;
      const name = (el.attribs['name'] ?? el.attribs['property'] ?? '').toLowerCase();
      if (SHOWN_META.has(name)) fields.push([`<meta ${el.attribs['name'] ? 'name' : 'property'}="${name}">`, decodeHTML(el.attribs['content'] ?? '')]);
    }
    for (const el of elements(page.dom)) {
      if (el.name !== 'script' || el.attribs['src']) continue;
      const code = textOf(el).slice(0, MAX_SCRIPT);
      let bindings: Bindings | undefined;
      const written = (expr: string): string | undefined =>
        // The whole expression (with the script's string variables), or what it starts with (`'…' + suffix`).
        evalString(expr, new Set()) ?? leadingString(expr, (bindings ??= stringBindings(code)));
      for (const { expr } of expressionsAfter(code, TITLE_WRITES)) {
        const v = written(expr);
        if (v) fields.push(['脚本写入的 document.title', v]);
      }
      for (const { expr, match } of expressionsAfter(code, META_WRITES)) {
        const v = written(expr);
        if (v) fields.push([`脚本写入的 <meta name="${match[1] ?? match[2] ?? match[3]}">`, v]);
      }
    }
    // What the page's scripts left — run in the sandbox, or as Chromium rendered a key page: code
    // no static reading follows. A value already read, or a field already found spammed in the
    // served page or what its script writes, is that hijack, not a second one.
    const norm = (v: string): string => v.replace(/\s+/g, ' ').trim();
    const spammed = (name: string): boolean => fields.some(([where, v]) => where.includes(name) && spamWords(v).length > 0);
    const later = (how: string, view: { title?: string; metas: readonly { name: string; content: string }[] } | undefined): void => {
      if (!view) return;
      const before = new Set(fields.map(([, v]) => norm(v)));
      if (view.title !== undefined && !before.has(norm(view.title)) && !spammed('title')) fields.push([`${how}的标题`, view.title]);
      for (const m of view.metas) if (!before.has(norm(m.content)) && !spammed(m.name)) fields.push([`${how}的 <meta name="${m.name}">`, m.content]);
    };
    let executed: PageResources['executed'];
    try {
      executed = pageResources(page).executed;
    } catch {
      executed = undefined;
    }
    later('脚本在沙箱中运行后', executed);
    later('浏览器渲染后', page.rendered);
    for (const [where, value] of fields) {
      const words = spamWords(value);
      if (!words.length) continue;
      const titleSeg = where === '<title>' ? page.text.segments.find((s) => s.element?.name === 'title') : undefined;
      out.push({
        ...(titleSeg ? { start: titleSeg.start, end: titleSeg.end } : { target: `${where} ${value.slice(0, 120)}` }),
        message: `${where}含「${words.slice(0, 5).join('、')}」：${value.slice(0, 120)}`,
        discriminator: where,
      });
    }
    const entities = raw.match(NUMERIC_ENTITY) ?? [];
    if (entities.length >= 6 && entities.join('').length >= raw.trim().length * 0.5 && !out.some((s) => s.discriminator === '<title>')) {
      out.push({ target: `<title> ${title.slice(0, 120)}`, severity: 'high', message: `<title> 以 ${entities.length} 个数字实体编码书写（劫持者隐藏标题的手法），解码后为「${title.slice(0, 80)}」`, discriminator: 'entity-title' });
    }
    return out;
  },
};
