/**
 * dates.anachronism — the text reports how things stood on a day after the page's own date (S13 in
 * dates.md): “截至2026年10月底，全市累计…” in an article dated 15 September 2026. Nobody counts
 * what has not happened yet, so the page was written, or re-dated, later than it says.
 *
 * Only 截至 (and 截止到/截止至) with a date reads as “as of”: a bare 截止 with a date is a deadline
 * (申报截止2026年12月10日), and so is 截至 after 报名/申报/时间 or before 前/止. Targets and plans are
 * not facts (截至2025年底，力争建成… ; 预计截至…), nor is a month not yet over at the page's date
 * (截至10月 read on 20 October is “so far”).
 */
import type { PageCheck, Span } from '../types';
import { claimOf, evidence } from './claims';
import { daysBetween, isoFromParts } from './parse';

/** 截至 + a date: 2026年10月31日, 2026年10月底/末/上旬/中旬/下旬, 2026年10月, 2026年底/年末, 2026-10-31. */
const AS_OF = /(截至|截止到|截止至)\s*(?:目前|今年)?\s*(\d{4})\s*(?:年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|(底|末|上旬|中旬|下旬))?|(底|末))|[-/.](\d{1,2})[-/.](\d{1,2}))/g;
/** The clause the date stands in, up to this far either side. */
const CLAUSE = 40;
/** A target or forecast, not a count: the clause plans. */
const PLAN = /力争|确保|预计|争取|目标|拟|(?<!即)将(?!近|军)|(?<![主重需必纲简])要(?![求素点闻件])|应当|必须|可望|有望|预期/;
/** A deadline: what is asked to be done by the date. */
const DEADLINE_BEFORE = /(?:报名|申报|申请|受理|征集|投稿|提交|报送|上报|缴纳|办理|登记|时间|日期|有效期|期限|为期|截止日期|公示期)[^。；;\n]{0,12}$/;
const DEADLINE_AFTER = /^\s*(?:前|止|为止之前|之前)/;
/** Days a statistic may run ahead of its page (a report dated the day after the month's end). */
const GRACE_DAYS = 1;

/** The first day the phrase can be true: it counts up to this day, so the page cannot be older. */
function earliest(m: RegExpExecArray): string | undefined {
  const year = m[2]!;
  if (m[7]) return isoFromParts(year, m[7], m[8]!);
  if (m[6]) return isoFromParts(year, 12, 31);
  if (!m[3]) return undefined;
  const month = Number(m[3]);
  if (m[4]) return isoFromParts(year, month, m[4]);
  if (m[5] === '底' || m[5] === '末') return isoFromParts(year, month, new Date(Date.UTC(Number(year), month, 0)).getUTCDate());
  if (m[5] === '中旬') return isoFromParts(year, month, 11);
  if (m[5] === '下旬') return isoFromParts(year, month, 21);
  return isoFromParts(year, month, 1);
}

export const anachronism: PageCheck = {
  kind: 'page',
  meta: {
    id: 'dates.anachronism',
    family: 'dates',
    title: '正文统计时点晚于发布日期 (text counts up to a day after the page’s date)',
    severity: 'medium',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 (伪造发稿日期)',
    description:
      'The text says how things stood “as of” (截至, 截止到) a day later than the page’s claimed publication date, by more ' +
      'than a day: the page was written or re-dated later. Deadlines (申报截至…前), targets and forecasts (截至2025年底，' +
      '力争…) and a month still running at the page’s date are not judged.',
    fix: '核实稿件的真实发布日期；如为后补或修改的稿件，按实际日期发布或注明更新时间。 Check the real publication date.',
    version: 1,
    sensitive: false,
  },
  run(page): Span[] {
    const claimed = claimOf(page);
    if (!claimed) return [];
    const { sources, claim } = claimed;
    const text = page.text.text;
    const out: Span[] = [];
    for (const m of text.matchAll(AS_OF)) {
      const day = earliest(m);
      if (!day || daysBetween(claim.value, day) <= GRACE_DAYS) continue;
      const end = m.index + m[0].length;
      const before = text.slice(Math.max(0, m.index - CLAUSE), m.index).split(/[。；;！？\n]/).pop()!;
      const after = text.slice(end, end + CLAUSE).split(/[。；;！？\n]/)[0]!;
      if (DEADLINE_BEFORE.test(before) || DEADLINE_AFTER.test(after) || PLAN.test(before.slice(-6)) || PLAN.test(after)) continue;
      out.push({
        start: m.index,
        end,
        message: `正文“${m[0]}”晚于发布日期 ${claim.value.slice(0, 10)}：稿件不可能统计到发布之后的时点。${evidence(sources)}`,
        discriminator: day.slice(0, 10),
      });
    }
    return out;
  },
};
