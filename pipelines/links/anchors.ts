/**
 * Fragment links (`/a.html#sec3`, `#top-news`) must land on an element of their page. The crawl sees
 * a page once and may meet the links into it before or after, so each page leaves a compact
 * record — hashes of its `id` and `name` values and of the strings its inline scripts use (a tab
 * or a table of contents built by script names its targets there) — and the requested fragments are
 * judged when the crawl ends. A page never fetched (out of scope, failed, over the cap) is not
 * judged: its own failure is reported elsewhere or not at all.
 */
import type { LinkObservation } from '../../checks/types';
import { textElements } from '../../checks/text/tag-pattern';

const ID_ATTR = /\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi;
const QUOTED = /["'`]#?([^"'`\s<>]{1,100})["'`]/g;

/** FNV-1a: 4 bytes a name, enough to tell a page's few hundred names apart. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function sortedHashes(values: Iterable<string>): Uint32Array {
  const set = new Set<number>();
  for (const v of values) set.add(hash(v));
  return Uint32Array.from(set).sort();
}

function has(table: Uint32Array, value: string): boolean {
  const h = hash(value);
  let lo = 0;
  let hi = table.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = table[mid]!;
    if (v === h) return true;
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

interface Wanted {
  from: string;
  anchor: string;
}

const SOURCES_KEPT = 20;
const NO_NAMES = new Uint32Array(0);

export class AnchorIndex {
  private readonly names = new Map<string, Uint32Array>();
  private readonly wanted = new Map<string, Map<string, { sources: Wanted[]; count: number }>>();

  /** What a fetched page offers to fragment links (under every address it was asked for by). */
  recordPage(urls: readonly string[], html: string): void {
    const values: string[] = [];
    for (const m of html.matchAll(ID_ATTR)) values.push((m[1] ?? m[2] ?? m[3] ?? '').trim());
    for (const s of textElements(html, 'script')) for (const q of s.text.matchAll(QUOTED)) values.push(q[1]!);
    // Most pages name nothing: one shared empty table, not a typed array per page of the crawl.
    const table = values.length ? sortedHashes(values) : NO_NAMES;
    for (const u of urls) this.names.set(u, table);
  }

  noteLink(from: string, to: string, fragment: string, anchor: string): void {
    let byFragment = this.wanted.get(to);
    if (!byFragment) this.wanted.set(to, (byFragment = new Map()));
    const w = byFragment.get(fragment);
    if (!w) byFragment.set(fragment, { sources: [{ from, anchor }], count: 1 });
    else if (!w.sources.some((s) => s.from === from)) {
      w.count++;
      if (w.sources.length < SOURCES_KEPT) w.sources.push({ from, anchor });
    }
  }

  /** Links into fetched pages at a name the page does not have, one observation per carrying page. */
  missing(): LinkObservation[] {
    const out: LinkObservation[] = [];
    for (const [to, byFragment] of this.wanted) {
      const table = this.names.get(to);
      if (!table) continue;
      for (const [fragment, w] of byFragment) {
        if (has(table, fragment)) continue;
        const target = `${to}#${encodeURI(fragment)}`;
        for (const s of w.sources) out.push({ from: s.from, to: target, status: 200, anchor: s.anchor, carriers: w.count, missingAnchor: fragment });
      }
    }
    return out;
  }
}
