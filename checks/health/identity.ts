/**
 * health.identity — the identity marks a 政府网站 must carry, read from this run's own pages:
 * 网站标识码 (footer, SiteIDCode meta, 找错 widget), the CONAC 党政机关网站标识, ICP and 公安 filing
 * numbers, the 我为政府网站找错 entry. Missing on the homepage, malformed (a 网站标识码 whose
 * region prefix is no province, a 公安 number whose digits do not start with its province's code,
 * a filing written without 备/号), disagreeing between footer, meta and widget, not the configured
 * siteCode/icp/psb, or changed since the previous run.
 *
 * A template copied from another site keeps that site's code, so 找错 reports go to the wrong site
 * and the inspection's automatic checks fail; a code that changes overnight is worth a look too.
 */
import type { Severity, SiteCheck, Skipped, Span } from '../types';
import { beijingDay } from '../dates/parse';
import { normaliseFiling, PSB_PROVINCE, siteCodeProblem } from '../counterfeit/marks';
import { identityRecord, type IdentityRecord, type IdentitySurvey, type Tally } from './identity-survey';

function firstExample(map: Record<string, Tally>): string | undefined {
  return Object.values(map)[0]?.examples[0];
}

/** Every 网站标识码 the pages carry, with where it was read: `meta`, `footer`, `jiucuo`. */
function codesBySource(s: IdentitySurvey): Map<string, { from: Set<string>; tally: Tally }> {
  const out = new Map<string, { from: Set<string>; tally: Tally }>();
  const add = (value: string, from: string, t: Tally): void => {
    const v = /^bm/i.test(value) ? value.toLowerCase() : value;
    const e = out.get(v) ?? { from: new Set<string>(), tally: { count: 0, examples: [] } };
    e.from.add(from);
    // The same pages carry a code in the meta tag and the footer: count pages, not places.
    e.tally.count = Math.max(e.tally.count, t.count);
    for (const x of t.examples) if (e.tally.examples.length < 3 && !e.tally.examples.includes(x)) e.tally.examples.push(x);
    out.set(v, e);
  };
  for (const [v, t] of Object.entries(s.values.SiteIDCode ?? {})) add(v, 'meta', t);
  for (const [k, t] of Object.entries(s.codes)) add(k.slice(k.indexOf('|') + 1), k.slice(0, k.indexOf('|')), t);
  return out;
}

const FROM_NAME: Record<string, string> = { meta: 'SiteIDCode 标签', footer: '页脚', jiucuo: '找错入口' };

function changed(before: IdentityRecord, now: IdentityRecord): string[] {
  const out: string[] = [];
  const diff = (label: string, a: readonly string[], b: readonly string[]): void => {
    if (!a.length || !b.length) return;
    const gone = a.filter((x) => !b.includes(x));
    const added = b.filter((x) => !a.includes(x));
    if (gone.length || added.length) out.push(`${label}由「${a.join('、')}」变为「${b.join('、')}」`);
  };
  diff('网站标识码', before.siteCodes, now.siteCodes);
  diff('党政机关网站标识', before.conac, now.conac);
  diff('ICP备案号', before.icp, now.icp);
  diff('公安备案号', before.psb, now.psb);
  if (before.siteName && now.siteName && before.siteName !== now.siteName) out.push(`SiteName 由「${before.siteName}」变为「${now.siteName}」`);
  return out;
}

export const identity: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'health.identity',
    family: 'health',
    title: '网站身份标识缺失、错误或不一致 (site identity marks missing, malformed or inconsistent)',
    severity: 'medium',
    duty: 'operations',
    basis: '国办发〔2017〕47号《政府网站发展指引》(网站标识码、党政机关网站标识、ICP/公安备案); 中网办发文〔2014〕1号; 国办秘函〔2019〕19号 (我为政府网站找错)',
    description:
      'Over this run\u2019s pages of the site\u2019s own hosts. Homepage without 网站标识码, CONAC mark, ICP or 公安 number, or 找错 entry ' +
      '(medium; CONAC low: 事业单位 carry the blue mark or none); a 网站标识码 that is not 10 digits starting with a province code ' +
      'or bm + 8 digits; footer, SiteIDCode meta and 找错 widget disagreeing; values other than the configured siteCode (high), ' +
      'icp or psb; a 公安 number whose first two digits are not its province\u2019s code; filings written without 备/号 (low); and ' +
      'any mark that changed since the previous run. Configure siteCode, icp and psb to compare against.',
    fix: '按《政府网站发展指引》在模板页脚放置本站网站标识码、党政机关网站标识、ICP与公安备案号和找错入口，并与 SiteIDCode 标签保持一致。 Fix the template footer and meta tags.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] | Skipped {
    const s = site.identity;
    if (!s || s.pages === 0) return { skipped: 'no whole HTML page of the site in this run' };
    const homeUrl = s.home?.url ?? site.urls[0] ?? site.id;
    const out: Span[] = [];
    const push = (discriminator: string, message: string, severity?: Severity, url = homeUrl): void => {
      out.push({ target: homeUrl, url, message, discriminator, ...(severity ? { severity } : {}) });
    };

    if (s.home) {
      const h = s.home;
      // One finding for what the homepage lacks: a template without a footer lacks all of it at once.
      const lacks = [
        ...(h.siteCodes.length ? [] : ['网站标识码']),
        ...(h.icp.length ? [] : ['ICP备案号']),
        ...(h.psb.length ? [] : ['公安机关备案号']),
        ...(h.jiucuo ? [] : ['“我为政府网站找错”入口']),
      ];
      // 事业单位 carry the blue mark or none: the CONAC mark alone missing is low.
      if (!h.conac) lacks.push('党政机关网站标识（CONAC）');
      if (lacks.length) push('missing', `首页缺少${lacks.join('、')}`, lacks.length === 1 && !h.conac ? 'low' : undefined);
    }

    const codes = codesBySource(s);
    for (const [code, e] of codes) {
      const problem = siteCodeProblem(code);
      if (problem) push(`malformed|site-code|${code}`, `网站标识码「${code}」格式错误：${problem}（${[...e.from].map((f) => FROM_NAME[f] ?? f).join('、')}，${e.tally.count} 页，如 ${e.tally.examples.join('、')}）`, undefined, e.tally.examples[0]);
    }
    if (codes.size > 1) {
      const listed = [...codes].map(([v, e]) => `标识码「${v}」见于${[...e.from].map((f) => FROM_NAME[f] ?? f).join('、')}（${e.tally.count} 页，如 ${e.tally.examples[0]}）`).join('；');
      push('inconsistent|site-code', `各处网站标识码不一致：${listed}`, undefined, [...codes.values()][1]?.tally.examples[0]);
    }
    const configured = site.siteCode ? (/^bm/i.test(site.siteCode) ? site.siteCode.toLowerCase() : site.siteCode) : undefined;
    if (configured) {
      for (const [code, e] of codes) {
        if (code !== configured) push(`mismatch|site-code|${code}`, `页面标注的网站标识码「${code}」不是本站配置的「${configured}」（${e.tally.count} 页，如 ${e.tally.examples.join('、')}）`, 'high', e.tally.examples[0]);
      }
    }
    const filing = (kind: 'icp' | 'psb', label: string, want: string | undefined): void => {
      if (!want) return;
      const w = normaliseFiling(want);
      for (const [v, t] of Object.entries(s[kind])) {
        if (v !== w) push(`mismatch|${kind}|${v}`, `页面标注的${label}「${v}」不是本站配置的「${w}」（${t.count} 页，如 ${t.examples.join('、')}）`, undefined, t.examples[0]);
      }
    };
    filing('icp', 'ICP备案号', site.icp);
    filing('psb', '公安备案号', site.psb);
    for (const [v, t] of Object.entries(s.psb)) {
      const m = /^(.)公网安备(\d{2})/.exec(v);
      const want = m ? PSB_PROVINCE[m[1]!] : undefined;
      if (m && want && want !== m[2]) push(`malformed|psb|${v}`, `公安备案号「${v}」的前两位 ${m[2]} 与「${m[1]}」的省级代码 ${want} 不符（${t.count} 页）`, 'low', t.examples[0]);
    }
    for (const [v, t] of Object.entries(s.badFilings)) {
      push(`malformed|filing|${v}`, `备案号书写不规范：「${v}」（应为“X ICP备NNNNNNNN号”或“X公网安备NNNNNNNNNNNNNN号”；${t.count} 页，如 ${t.examples[0]}）`, 'low', t.examples[0]);
    }
    if (site.identityBefore) {
      const diffs = changed(site.identityBefore.record, identityRecord(s));
      if (diffs.length) push('changed', `网站身份标识与上次检查（${beijingDay(site.identityBefore.observedAt)}）不同：${diffs.join('；')}`, undefined, firstExample(s.values.SiteIDCode ?? {}) ?? homeUrl);
    }
    return out;
  },
};
