/**
 * Lookalike domains of a gov.cn site, generated the way they are registered (reference
 * counterfeit-tamper.md §2.5): fuzzing inside gov.cn is noise (outsiders cannot register there),
 * so the site's label is moved into suffixes anyone can register (C1/C2), glued to a gov token
 * (C3), given an appended TLD (C4), combined with department tokens (C6), and typo-fuzzed into
 * those suffixes (C7). Each candidate says which pattern made it, for the score's reasons.
 */
import { domainToASCII } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { asciiHost } from './hosts';

export type Pattern = 'suffix-swap' | 'wrong-sld' | 'gov-token' | 'appended-tld' | 'department-token' | 'pinyin' | 'chinese-idn' | 'typo';

export interface Candidate {
  domain: string;
  pattern: Pattern;
}

const OPEN_SUFFIXES = ['cn', 'com', 'net', 'org', 'top', 'xyz', 'cc', 'vip', 'com.cn', 'net.cn', 'org.cn'];
const GOV_TOKENS = ['gov', 'zf', 'zw', 'zwfw', 'zhengfu'];
const DEPT_TOKENS = ['rs', 'rsj', 'hrss', '12333', 'gjj', 'yb', 'sw', 'tax', 'jy', 'ga', 'cz', 'zjj', 'wjw', 'ks'];
const HOMOGLYPH: Record<string, string[]> = { o: ['0'], l: ['1', 'i'], i: ['1', 'l'], m: ['rn', 'nn'], n: ['m'], w: ['vv'], g: ['q'], d: ['cl'] };

/** Hosting platforms' free subdomains (C11): anyone can name one hd-gov.pages.dev. */
const HOSTING_SUFFIXES = ['pages.dev', 'github.io', 'gitee.io', 'vercel.app', 'netlify.app', 'web.app', 'firebaseapp.com', 'herokuapp.com', 'workers.dev', 'onrender.com', 'glitch.me'];
/** Dynamic-DNS zones (C12): a name under them costs nothing and moves with the attacker. */
const DYNAMIC_DNS_SUFFIXES = ['ddns.net', 'no-ip.org', 'no-ip.biz', 'duckdns.org', 'dyndns.org', '3322.org', 'f3322.net', 'oicp.net', 'vicp.net', 'vicp.cc', 'oray.net', 'nat123.net', 'ngrok.io', 'cpolar.cn', 'natapp.cc'];
/** A government token (the ones generated names glue on) standing as a word of a host name. */
const GOVISH = new RegExp(`(?:^|[.-])(?:${GOV_TOKENS.join('|')})(?:[.-]|cn|$)`);

/**
 * Why a domain's name alone deceives, whatever it serves (reference counterfeit-tamper.md §2.5,
 * match-only patterns): gov.cn embedded in a domain that is not under gov.cn (C5,
 * www.hd.gov.cn.abc123.top), a government token on a hosting platform's free subdomain (C11) or in
 * a dynamic-DNS zone (C12). Undefined for an ordinary name.
 */
export function deceptiveShape(domain: string): string | undefined {
  const host = asciiHost(domain);
  if (host === 'gov.cn' || host.endsWith('.gov.cn')) return undefined;
  const labels = host.split('.');
  const embedded = labels.some((l, i) => (l === 'gov' && labels[i + 1] === 'cn' && i + 2 < labels.length) || l === 'govcn' || l === 'gov-cn' || l.includes('-gov-cn'));
  if (embedded) return '域名内嵌 gov.cn，却不在 gov.cn 之下 (C5)';
  const hosting = HOSTING_SUFFIXES.find((s) => host.endsWith(`.${s}`));
  if (hosting && GOVISH.test(host.slice(0, -hosting.length - 1))) return `托管平台免费子域名带政府字样：${hosting} (C11)`;
  const dynamic = DYNAMIC_DNS_SUFFIXES.find((s) => host.endsWith(`.${s}`));
  if (dynamic && GOVISH.test(host.slice(0, -dynamic.length - 1))) return `动态域名服务下带政府字样：${dynamic} (C12)`;
  return undefined;
}

/** The distinguishing label of a gov.cn host: `www.hd.gov.cn` → `hd`, `slj.bd.gov.cn` → `slj-bd` parts. */
export function labelsOf(host: string): { label: string; sub: string[] } | undefined {
  const parts = asciiHost(host).split('.');
  const gov = parts.lastIndexOf('gov');
  if (gov < 1 || parts.slice(gov).join('.') !== 'gov.cn') return undefined;
  const label = parts[gov - 1]!;
  const sub = parts.slice(0, gov - 1).filter((p) => p !== 'www');
  return { label, sub };
}

function typos(label: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < label.length; i++) {
    if (label.length > 3) out.add(label.slice(0, i) + label.slice(i + 1)); // omission
    out.add(label.slice(0, i) + label[i] + label.slice(i)); // repetition
    if (i + 1 < label.length) out.add(label.slice(0, i) + label[i + 1] + label[i] + label.slice(i + 2)); // transposition
    for (const g of HOMOGLYPH[label[i]!] ?? []) out.add(label.slice(0, i) + g + label.slice(i + 1));
    if (i > 0) out.add(`${label.slice(0, i)}-${label.slice(i)}`); // hyphenation
  }
  out.delete(label);
  return [...out];
}

/** Abbreviations offices and counterfeiters use for a department (reference counterfeit-tamper.md §2.5). */
const DEPT_ABBREVIATIONS: [RegExp, string[]][] = [
  [/人力资源和社会保障|人社/, ['rs', 'rsj', 'hrss', 'rsks', '12333']],
  [/人民政府$|政府$/, ['zf', 'zhengfu', 'gov']],
  [/政务服务/, ['zw', 'zwfw', 'zhengwu']],
  [/住房公积金|公积金/, ['gjj']],
  [/医疗保障|医保/, ['yb', 'ybj']],
  [/税务/, ['sw', 'tax', 'etax']],
  [/教育/, ['jy', 'jyj', 'edu']],
  [/公安/, ['ga', 'gaj']],
  [/财政/, ['cz', 'czj']],
  [/市场监督管理|市场监管/, ['scjg', 'amr']],
  [/住房和城乡建设|住建/, ['zjj', 'zjw']],
  [/民政/, ['mzj']],
  [/卫生健康|卫健/, ['wjw']],
  [/考试/, ['ks', 'ksy']],
];
const REGION = /^(.+?(?:特别行政区|自治区|自治州|自治县|省|市|州|盟|地区|县|区|旗))/;
const IDN_SUFFIXES = ['中国', '公司', '网络', '网址', 'com', 'cn'];

function syllables(s: string): string[] {
  return (pinyin(s, { toneType: 'none', type: 'array', nonZh: 'removed' }) as string[]).map((x) => x.replace(/[^a-z]/g, '')).filter(Boolean);
}

/**
 * The tokens an office's name becomes in a domain (C6): the region's full pinyin and initials
 * (`示范市` → shifan, sf, sfs), the department's initials and its usual abbreviations
 * (`人力资源和社会保障局` → rlzyhshbzj, rs, rsj, hrss …).
 */
export function nameTokens(name: string): { region: string[]; dept: string[] } {
  const m = REGION.exec(name);
  const regionName = m?.[1] ?? '';
  const core = regionName.replace(/(?:特别行政区|自治区|自治州|自治县|省|市|州|盟|地区|县|区|旗)$/, '');
  const region = new Set<string>();
  if (core) {
    const sy = syllables(core);
    region.add(sy.join(''));
    region.add(sy.map((x) => x[0]).join(''));
    region.add(syllables(regionName).map((x) => x[0]).join(''));
  }
  const deptName = name.slice(regionName.length);
  const dept = new Set<string>();
  if (deptName) {
    const initials = syllables(deptName).map((x) => x[0]).join('');
    if (initials.length >= 2) dept.add(initials);
    for (const [re, tokens] of DEPT_ABBREVIATIONS) if (re.test(deptName)) tokens.forEach((t) => dept.add(t));
  }
  return { region: [...region].filter((x) => x.length >= 2), dept: [...dept] };
}

const VALID = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,}|xn--[a-z0-9-]+)$/;

/** Candidates for one gov.cn host and the office's name, most likely first, at most `max`. */
export function lookalikeCandidates(host: string, max = 2000, name?: string): Candidate[] {
  const l = labelsOf(host);
  if (!l) return [];
  const stems = [l.label, ...(l.sub.length ? [`${l.sub.join('')}${l.label}`, `${l.sub.join('-')}-${l.label}`, `${l.label}${l.sub.join('')}`] : [])];
  const seen = new Map<string, Pattern>();
  const add = (domain: string, pattern: Pattern) => {
    if (VALID.test(domain) && !seen.has(domain) && !domain.endsWith('.gov.cn')) seen.set(domain, pattern);
  };
  for (const stem of stems) {
    for (const t of GOV_TOKENS) for (const s of ['cn', 'com', 'com.cn', 'net', 'top']) {
      add(`${stem}${t}.${s}`, 'gov-token');
      add(`${stem}-${t}.${s}`, 'gov-token');
      add(`${t}${stem}.${s}`, 'gov-token');
    }
    add(`${stem}-gov-cn.com`, 'gov-token');
    add(`${stem}govcn.com`, 'gov-token');
    for (const s of ['com', 'net', 'cc', 'top', 'xyz']) add(`${stem}.gov.cn.${s}`, 'appended-tld');
    for (const s of OPEN_SUFFIXES) add(`${stem}.${s}`, s.includes('.') ? 'wrong-sld' : 'suffix-swap');
  }
  // The office's name in pinyin, glued to department and gov tokens (yananzw.cn, xjrs.net), and
  // written in Chinese under open IDN suffixes where `.政务` is the real one.
  if (name) {
    const t = nameTokens(name);
    for (const r of t.region) {
      for (const d of [...t.dept, ...GOV_TOKENS]) for (const s of ['cn', 'com', 'net', 'top', 'com.cn']) {
        add(`${r}${d}.${s}`, 'pinyin');
        add(`${r}-${d}.${s}`, 'pinyin');
        add(`${d}${r}.${s}`, 'pinyin');
      }
      for (const s of ['cn', 'com', 'net', 'org.cn']) add(`${r}.${s}`, 'pinyin');
    }
    for (const s of IDN_SUFFIXES) {
      const idn = domainToASCII(`${name}.${s}`);
      if (idn) add(idn, 'chinese-idn');
    }
  }
  for (const stem of stems) {
    for (const d of DEPT_TOKENS) for (const s of ['cn', 'com', 'net', 'top']) {
      add(`${stem}${d}.${s}`, 'department-token');
      add(`${d}${stem}.${s}`, 'department-token');
    }
    for (const t of typos(stem)) for (const s of ['cn', 'com', 'com.cn']) {
      add(`${t}.${s}`, 'typo');
      add(`${t}gov.${s}`, 'typo');
    }
  }
  return [...seen].slice(0, max).map(([domain, pattern]) => ({ domain, pattern }));
}
