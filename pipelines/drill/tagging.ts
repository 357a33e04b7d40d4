/**
 * Telling drill findings from real ones. A drill payload carries its marker (`XJDRILL-<id>`);
 * every finding on a page or attachment that carries a known drill's marker is tagged with the
 * drill, and so are site findings on such a page (a defacement snippet placed in a key page).
 * Scenarios without a payload (证书过期, 站点宕机) tag the site findings of their rule while the
 * drill runs on that site. Tagged findings are filed as drill issues and left out of real
 * statistics.
 */
import type { DocumentFile, Finding, Page } from '../../checks/types';
import type { Store } from '../store/store';
import { listDrills, MARKER, type Drill } from '../store/drills';

const SCENARIO_RULES: Partial<Record<Drill['scenario'], string[]>> = {
  证书过期: ['tls.certificate'],
  站点宕机: ['health.availability'],
};

export class DrillTagger {
  private readonly known: Set<string>;
  private readonly running: Drill[];
  private readonly byUrl = new Map<string, string>();

  constructor(store: Store | undefined, siteId: string) {
    const drills = store ? listDrills(store) : [];
    this.known = new Set(drills.map((d) => d.id));
    this.running = drills.filter((d) => d.status === 'running' && d.site === siteId);
  }

  private markerIn(text: string): string | undefined {
    if (!this.known.size || !text.includes('XJDRILL-')) return undefined;
    for (const m of text.matchAll(MARKER)) if (this.known.has(m[1]!)) return m[1];
    return undefined;
  }

  private tag(findings: Finding[], id: string | undefined): void {
    if (id) for (const f of findings) f.drill = id;
  }

  page(page: Page, findings: Finding[]): void {
    const id = this.markerIn(page.source);
    if (id) this.byUrl.set(page.url, id);
    this.tag(findings, id);
  }

  document(doc: DocumentFile, findings: Finding[]): void {
    this.tag(findings, this.markerIn(doc.parts.map((p) => p.text).join('\n')));
  }

  site(findings: Finding[]): void {
    for (const f of findings) {
      const byPage = this.byUrl.get(f.url);
      if (byPage) f.drill = byPage;
      else for (const d of this.running) if (SCENARIO_RULES[d.scenario]?.includes(f.rule)) f.drill = d.id;
    }
  }
}
