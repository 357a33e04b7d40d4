/**
 * tamper.defaced — 网页篡改 of a key page (homepage, column pages, configured ones), judged
 * against what the store saw of it before (reference counterfeit-tamper.md §7, E5/E6/E9). Regions
 * that every one of the last snapshots (at least 3) had with the same text are stable; a stable
 * region replaced or gone is a finding with the text before and after, a page whose structure no
 * longer resembles its snapshots is one (a full defacement, or a redesign to re-baseline), and
 * gambling or porn words appearing in any region, volatile ones included, are critical. News lists,
 * carousels, dates and counters are volatile and never alert by changing.
 */
import type { SiteCheck, Skipped, Span } from '../types';
import { spamWords } from './hidden-link';
import { changedRegions, structureSimilarity, type KeyPageSnapshot } from './snapshot';

/** Snapshots a page needs before its regions are judged. */
export const MIN_BASELINE = 3;
/** A change reported this many runs in a row, with no spam, is taken as a redesign and learnt. */
export const ACCEPT_AFTER = 5;
const REPLACED = 0.5;
const SHOWN = 3;

function clip(s: string | undefined, n = 60): string {
  if (s === undefined) return '（已消失）';
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

function newSpam(current: KeyPageSnapshot, history: readonly KeyPageSnapshot[]): string[] {
  const before = new Set(history.flatMap((h) => [h.title, ...Object.values(h.regions).map((r) => r.text)]).flatMap((t) => spamWords(t)));
  const now = [current.title, ...Object.values(current.regions).map((r) => r.text)].flatMap((t) => spamWords(t));
  return [...new Set(now.filter((w) => !before.has(w)))];
}

export const defaced: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'tamper.defaced',
    family: 'tamper',
    title: '关键页面被篡改 (key page defaced)',
    severity: 'high',
    duty: 'security',
    basis: '国办秘函〔2019〕19号 单项否决 (网站被篡改); GB/T 22239-2019 (网页防篡改); GA/T 1358-2018',
    description:
      'Needs the store and at least 3 earlier snapshots of a key page (the homepage, first-level column pages, tamper.keyPages). ' +
      'Stable regions (same text in every earlier snapshot, not a repeated list, no date or counter) replaced or gone: high ' +
      'when half or more of a region\u2019s text changed, medium otherwise, with the text before and after; the page\u2019s region ' +
      'structure less than 50% like its last snapshot: high (a defacement, or a redesign: the next runs learn the new page); ' +
      'gambling, porn or loan words in any region or the title that earlier snapshots did not have: critical. Snapshots that were ' +
      'reported never become the baseline, so a defacement stays reported; a change reported 5 runs in a row without such words ' +
      'is learnt as a redesign. A scanner polls: ' +
      'a change is seen at the next scan, so detection time is bounded by the schedule.',
    fix: '立即核对页面与发布系统中的原稿，恢复被篡改内容，排查入侵途径；如为正常改版，确认后基线将自动更新。 Restore the page from the CMS, find the entry point; a confirmed redesign is re-learnt.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] | Skipped {
    const pages = site.keyPages ?? [];
    if (!pages.length) return { skipped: 'no key page in this run' };
    const judged = pages.filter((p) => p.history.length >= MIN_BASELINE);
    if (!judged.length) return { skipped: `key pages have fewer than ${MIN_BASELINE} earlier snapshots (learning)` };
    const out: Span[] = [];
    for (const { current, history, unconfirmed } of judged) {
      const last = history[history.length - 1]!;
      const spam = newSpam(current, history);
      if (spam.length) out.push({ target: current.url, url: current.url, severity: 'critical', message: `页面出现此前没有的「${spam.slice(0, 5).join('、')}」等违禁内容（标题：${clip(current.title)}）`, discriminator: 'spam' });
      // Reported run after run and nothing illegal in it: a redesign nobody reverted, learnt as the new baseline.
      if (!spam.length && unconfirmed >= ACCEPT_AFTER) continue;
      const structure = structureSimilarity(current, last);
      if (structure < REPLACED) {
        out.push({ target: current.url, url: current.url, message: `页面结构与 ${last.at.slice(0, 10)} 的快照仅 ${Math.round(structure * 100)}% 相同：整页被替换（篡改）或改版；标题由「${clip(last.title)}」变为「${clip(current.title)}」`, discriminator: 'replaced' });
        continue;
      }
      const changes = changedRegions(current, history).sort((a, b) => b.changed - a.changed);
      if (!changes.length) continue;
      const major = changes.filter((c) => c.changed >= 0.5);
      const shown = changes.slice(0, SHOWN).map((c) => `${c.key.split('>').slice(-2).join('>')}：「${clip(c.before)}」→「${clip(c.after)}」`).join('；');
      out.push({
        target: current.url,
        url: current.url,
        severity: major.length ? 'high' : 'medium',
        message: `${changes.length} 个此前 ${history.length} 次快照均未变化的区域被改动（${major.length} 个改动过半）：${shown}${changes.length > SHOWN ? ' 等' : ''}`,
        discriminator: 'regions',
      });
    }
    return out;
  },
};
