/**
 * health.meta-tags — the 网页标签 of 国办发〔2017〕47号《网页设计规范》: the tags each page kind must
 * carry (homepage 3, column 7, article 10), their values well formed (SiteDomain a bare host that
 * is the page's own, PubDate `yyyy-MM-dd HH:mm`), and the site-wide ones the same on every page.
 *
 * Judged over the run's pages, one finding per kind and tag (with how many pages lack it), so a
 * template slip is one issue, not 5,000. Only whole published pages count: a draft body has no head.
 */
import type { SiteCheck, Skipped, Span } from '../types';
import { REQUIRED_TAGS, type PageKind, type Tally } from './identity-survey';

const KIND_NAME: Record<PageKind, string> = { home: '首页', column: '栏目页', article: '文章页' };

const PROBLEM: Record<string, { text: (tag: string, value: string) => string; severity: Span['severity'] }> = {
  empty: { text: (tag) => `<meta name="${tag}"> 内容为空`, severity: 'low' },
  scheme: { text: (_tag, v) => `SiteDomain 应为不带协议和路径的域名，实为「${v}」`, severity: 'low' },
  host: { text: (_tag, v) => `SiteDomain「${v}」与页面所在域名不符`, severity: 'medium' },
  format: { text: (_tag, v) => `PubDate「${v}」不是规定的 yyyy-MM-dd HH:mm 格式`, severity: 'info' },
};

function examples(t: Tally): string {
  return t.examples.join('、');
}

export const metaTags: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'health.meta-tags',
    family: 'health',
    title: '网页标签缺失、格式错误或各页不一致 (page meta tags missing, malformed or inconsistent)',
    severity: 'low',
    duty: 'operations',
    basis: '国办发〔2017〕47号《政府网站发展指引》附件《网页设计规范》（网页标签）; GB/T 42147-2022',
    description:
      'Over the run\u2019s whole pages (with a head): homepage needs SiteName, SiteDomain, SiteIDCode; column pages also ' +
      'ColumnName, ColumnDescription, ColumnKeywords, ColumnType; articles also ArticleTitle, PubDate, ContentSource. One ' +
      'finding per page kind and missing tag with the page count; SiteDomain with a scheme or another host, empty tags, PubDate ' +
      'not yyyy-MM-dd HH:mm (info), and SiteName/SiteIDCode/SiteDomain differing between pages (medium). A site with no tags ' +
      'at all gets one finding. Drafts checked before publication have no head and are not judged.',
    fix: '在 CMS 模板中按《网页设计规范》补齐网页标签，统一取值。 Add the tags in the CMS templates with one value each.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] | Skipped {
    const s = site.identity;
    if (!s || s.pages === 0) return { skipped: 'no whole HTML page (with a head) in this run' };
    const home = site.urls[0] ?? site.id;
    if (s.tagged === 0) {
      return [{ target: home, url: s.home?.url ?? home, message: `所检 ${s.pages} 个页面均未设置网页标签（SiteName、SiteDomain、SiteIDCode 等）`, discriminator: 'none' }];
    }
    const out: Span[] = [];
    for (const kind of ['home', 'column', 'article'] as const) {
      for (const tag of REQUIRED_TAGS[kind]) {
        const t = s.missing[`${kind}|${tag}`];
        if (!t) continue;
        out.push({ target: t.examples[0]!, url: t.examples[0]!, message: `${KIND_NAME[kind]}缺少 <meta name="${tag}">（${t.count}/${s.byKind[kind]} 页，如 ${examples(t)}）`, discriminator: `missing|${kind}|${tag}` });
      }
    }
    for (const [key, t] of Object.entries(s.malformed)) {
      const [tag = '', problem = '', ...rest] = key.split('|');
      const p = PROBLEM[problem];
      if (!p) continue;
      out.push({ target: t.examples[0]!, url: t.examples[0]!, severity: p.severity, message: `${p.text(tag, rest.join('|'))}（${t.count} 页，如 ${examples(t)}）`, discriminator: `malformed|${key}` });
    }
    for (const tag of ['SiteName', 'SiteIDCode', 'SiteDomain'] as const) {
      const values = Object.entries(s.values[tag] ?? {});
      if (values.length < 2) continue;
      values.sort((a, b) => b[1].count - a[1].count);
      const listed = values.slice(0, 5).map(([v, t]) => `「${v}」${t.count} 页（如 ${t.examples[0]}）`).join('；');
      out.push({ target: home, url: values[1]![1].examples[0]!, severity: tag === 'SiteDomain' ? 'low' : 'medium', message: `各页 ${tag} 不一致：${listed}`, discriminator: `inconsistent|${tag}` });
    }
    return out;
  },
};
