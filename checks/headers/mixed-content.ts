/**
 * headers.mixed-content — an https page that loads scripts, styles, frames or objects over http
 * (active mixed content, blocked by browsers: the page breaks) or images and media over http
 * (passive: the padlock goes), and forms that post to http.
 */
import { elements } from '../text/dom-walk';
import type { PageCheck, Skipped, Span } from '../types';

const ACTIVE: Record<string, string> = { script: 'src', iframe: 'src', frame: 'src', object: 'data', embed: 'src', form: 'action' };
const PASSIVE: Record<string, string> = { img: 'src', audio: 'src', video: 'src', source: 'src', track: 'src' };

export const mixedContent: PageCheck = {
  kind: 'page',
  meta: {
    id: 'headers.mixed-content',
    family: 'headers',
    title: 'HTTPS 页面加载 HTTP 资源 (mixed content)',
    severity: 'high',
    duty: 'security',
    basis: 'W3C Mixed Content; GB/T 31506-2022 政务网站系统安全指南 (传输加密)',
    description: 'On an https page: scripts, stylesheets, frames, objects and form targets over http (high, active); images, audio and video over http (medium, passive).',
    fix: '将资源地址改为 https:// 或同源相对地址。 Load every resource over https.',
    version: 1,
    sensitive: false,
  },
  run(page): Span[] | Skipped {
    if (!/^https:/i.test(page.finalUrl) || page.contentType !== 'html') return { skipped: 'not an https HTML page' };
    const out: Span[] = [];
    const seen = new Set<string>();
    // The page's shared DOM (a jpage datastore's rows, which a browser renders, included): no second parse.
    for (const n of elements(page.dom)) {
      if (n.type !== 'tag' && n.type !== 'script') continue;
      const name = n.name;
      const activeAttr = name === 'link' && /stylesheet/i.test(n.attribs['rel'] ?? '') ? 'href' : ACTIVE[name];
      const attr = activeAttr ?? PASSIVE[name];
      const url = attr ? n.attribs[attr] : undefined;
      if (url && /^http:\/\//i.test(url.trim()) && !seen.has(url)) {
        seen.add(url);
        out.push({ target: url.trim(), url: url.trim(), severity: activeAttr ? 'high' : 'medium', message: `${activeAttr ? '主动' : '被动'}混合内容：<${name}> 通过 HTTP 加载 ${url.trim()}`, discriminator: url.trim() });
      }
    }
    return out;
  },
};
