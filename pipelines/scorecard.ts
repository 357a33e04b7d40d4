/**
 * The 国办秘函〔2019〕19号 scorecard of a site: each single-veto item and each automatable deduction
 * item is pass, fail or not judged, from the latest run of the report window that judged its rules
 * (a run where the rule reached a verdict; a complete one where the item is about the whole site).
 * An item no run judged says why; an item xunjian cannot judge (办事服务) says so —
 * never a verdict or a number for what was not measured. Points are not computed: the deduction
 * weights of 19号 are not published in a form we could verify (reference indicators.md §1.4).
 */
import { CHECKS } from '../checks/registry';
import { severityRank, type Finding, type Severity } from '../checks/types';
import { SEVERITY_ZH, type ScoreItem } from '../reports/period';

/** What one run judged of one rule: its findings there (drills and suppressed ones left out). */
export interface RuleJudgement {
  rule: string;
  runId: number;
  at: string;
  complete: boolean;
  findings: Finding[];
}

interface ItemSpec {
  kind: ScoreItem['kind'];
  item: string;
  rules: string[];
  /** The findings that fail the item. */
  fails: (f: Finding) => boolean;
  /** The rules judge the whole site only in a complete run (freshness, columns). */
  needsComplete?: boolean;
  /** Not automatable: why. */
  manual?: string;
}

const atLeast = (s: Severity) => (f: Finding) => severityRank(f.severity) <= severityRank(s);
const family = (name: string) => CHECKS.filter((c) => c.meta.family === name).map((c) => c.meta.id);

export const ITEMS: ItemSpec[] = [
  { kind: 'veto', item: '严重表述错误', rules: ['wording.leader-name', 'wording.leader-order', 'wording.canonical-phrase'], fails: atLeast('critical') },
  { kind: 'veto', item: '泄露国家秘密', rules: ['secrecy.marking'], fails: atLeast('critical') },
  { kind: 'veto', item: '泄露个人信息（隐私）', rules: family('privacy'), fails: atLeast('critical') },
  { kind: 'veto', item: '发布或链接反动、暴力、色情等有害信息', rules: ['wording.prohibited', 'tamper.hidden-link', 'links.hijacked'], fails: atLeast('high') },
  { kind: 'veto', item: '网页被篡改、挂马', rules: ['tamper.defaced', 'tamper.injected-script', 'tamper.title-hijack', 'tamper.cloaking'], fails: atLeast('high') },
  { kind: 'veto', item: '伪造发稿日期', rules: ['dates.backdated', 'dates.id-order', 'dates.reposted'], fails: atLeast('critical') },
  { kind: 'veto', item: '站点无法访问', rules: ['health.availability'], fails: atLeast('critical') },
  { kind: 'veto', item: '首页不更新', rules: ['health.homepage-stale'], fails: atLeast('critical'), needsComplete: true },
  { kind: 'veto', item: '栏目不更新、空白栏目', rules: ['health.stale-columns'], fails: atLeast('critical'), needsComplete: true },
  { kind: 'veto', item: '互动回应差', rules: ['health.interaction'], fails: atLeast('critical') },
  { kind: 'veto', item: '服务不实用', rules: [], fails: () => false, manual: '需人工检查：办事指南要素不在页面抓取范围内' },
  // A link that failed once with a timeout or a 5xx (info) is a busy host until the next run fails it again.
  { kind: 'deduction', item: '链接可用性', rules: ['links.broken'], fails: atLeast('low'), needsComplete: true },
  { kind: 'deduction', item: '栏目更新（未达否决线）', rules: ['health.stale-columns'], fails: (f) => f.severity !== 'critical', needsComplete: true },
  { kind: 'deduction', item: '网页元数据（页面标签）', rules: ['health.meta-tags'], fails: atLeast('low') },
  { kind: 'deduction', item: '网站标识码与“我为政府网站找错”', rules: ['health.identity'], fails: atLeast('low') },
  { kind: 'deduction', item: 'IPv6 改造', rules: ['health.ipv6'], fails: atLeast('medium') },
  { kind: 'deduction', item: '安全传输（HTTPS、证书、协议）', rules: ['headers.https-redirect', 'tls.certificate', 'tls.protocol'], fails: atLeast('high') },
];

/** 19号's 政务新媒体 items, for an account's own runs (`account-<id>`). */
export const ACCOUNT_ITEMS: ItemSpec[] = [
  ITEMS[0]!, ITEMS[1]!, ITEMS[2]!,
  { kind: 'veto', item: '发布反动、暴力、色情等有害信息', rules: ['wording.prohibited'], fails: atLeast('high') },
  { kind: 'veto', item: '账号长期不更新（监测2周）', rules: ['newmedia.stale'], fails: atLeast('critical') },
  { kind: 'veto', item: '互动回应差', rules: [], fails: () => false, manual: '需人工检查：留言与回复不在订阅源中' },
  { kind: 'deduction', item: '刊登商业广告、买卖粉丝', rules: ['newmedia.advert'], fails: atLeast('low') },
  { kind: 'deduction', item: '功能菜单可用性', rules: ['newmedia.dead-menu'], fails: atLeast('low') },
];

const HOW: Record<string, string> = {
  'health.availability': '用 `xunjian probe` 每天探测 20 次以上',
  'health.ipv6': '运行 `xunjian probe`',
  'health.interaction': '抓取须覆盖政民互动、领导信箱等留言栏目，判定前一年内留言的答复时间；是否提供咨询建言渠道仍需人工检查',
  'headers.https-redirect': '运行 `xunjian probe`',
  'tls.certificate': '运行 `xunjian probe`',
  'tls.protocol': '运行 `xunjian probe`',
};

function message(f: Finding): string {
  const rule = CHECKS.find((c) => c.meta.id === f.rule)?.meta.title;
  const m = rule && f.title.startsWith(`${rule}: `) ? f.title.slice(rule.length + 2) : f.title;
  return m.length > 100 ? `${m.slice(0, 100)}…` : m;
}

function describe(fs: readonly Finding[]): string {
  const shown = fs.slice(0, 3).map(message).join('；');
  return `${fs.length} 处：${shown}${fs.length > 3 ? ' 等' : ''}`;
}

export function scorecard(judged: ReadonlyMap<string, RuleJudgement>, items: readonly ItemSpec[] = ITEMS): ScoreItem[] {
  return items.map((spec): ScoreItem => {
    if (spec.manual) return { kind: spec.kind, item: spec.item, rules: [], verdict: 'not-judged', evidence: spec.manual };
    const seen = spec.rules.map((r) => judged.get(r)).filter((j): j is RuleJudgement => j !== undefined && (!spec.needsComplete || j.complete));
    const failing = seen.flatMap((j) => j.findings.filter(spec.fails));
    const missing = spec.rules.filter((r) => !seen.some((j) => j.rule === r));
    const runId = seen.map((j) => j.runId).sort((a, b) => b - a)[0];
    if (failing.length) return { kind: spec.kind, item: spec.item, rules: spec.rules, verdict: 'fail', evidence: describe(failing), ...(runId ? { runId } : {}) };
    // Privacy has eleven rules: it is judged when the runs judged any text at all.
    const enough = spec.rules.length > 3 ? seen.length > 0 : missing.length === 0;
    if (!enough) {
      const how = [...new Set(missing.map((r) => HOW[r]).filter(Boolean))];
      return {
        kind: spec.kind, item: spec.item, rules: spec.rules, verdict: 'not-judged',
        evidence: `报告期内没有${spec.needsComplete ? '完整的' : ''}运行判定过 ${missing.join('、')}${how.length ? `（${how.join('；')}）` : ''}`,
      };
    }
    const noted = seen.flatMap((j) => j.findings);
    return {
      kind: spec.kind, item: spec.item, rules: spec.rules, verdict: 'pass',
      evidence: noted.length ? `无达到该项不通过程度的问题；另有 ${noted.length} 处问题需核实或整改（最高：${SEVERITY_ZH[noted.map((f) => f.severity).sort((a, b) => severityRank(a) - severityRank(b))[0]!]}）` : `第 ${runId} 次运行判定，无问题`,
      ...(runId ? { runId } : {}),
    };
  });
}
