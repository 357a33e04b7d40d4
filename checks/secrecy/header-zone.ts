/**
 * The header zone of a document (privacy-secrecy.md §5.3): GB/T 9704-2012 puts 份号, 密级和保密期限
 * and 紧急程度 in the 版头, above the 发文机关标志, so a marking there is where a classified
 * document carries it, and a bare level word (`机密` on a line of its own) means something only
 * there. The zone is the first five non-empty lines of the document; on an HTML page the document
 * starts after the line that repeats the page title (the site's navigation comes first).
 */

const ZONE_LINES = 5;
/**
 * 发文机关标志 (…文件) or a 发文字号 within the first lines proves document structure. The Han
 * characters before them are looked behind at, not matched: matched as a run ({2,30}) they were
 * tried from every character of a long paragraph, five times the work for the same answer.
 */
const STRUCTURE = /(?<=[\u4e00-\u9fa5]{2})文件\s*$|(?<=[\u4e00-\u9fa5])〔\s*\d{4}\s*〕\s*\d{1,4}\s*号/m;
const STRUCTURE_LINES = 15;
/** The 密级 word alone on its line, or in brackets as some offices type it (【机密】, [秘密], （绝密）). */
const BARE_LEVEL = /^\s*(?:(绝\s*密|机\s*密|秘\s*密)|【\s*(绝\s*密|机\s*密|秘\s*密)\s*】|\[\s*(绝\s*密|机\s*密|秘\s*密)\s*\]|[（(]\s*(绝\s*密|机\s*密|秘\s*密)\s*[）)])\s*$/;

export interface Zone {
  start: number;
  end: number;
  /** Offsets of the first `STRUCTURE_LINES` non-empty lines, for the structure test. */
  structureEnd: number;
}

interface Line {
  start: number;
  end: number;
}

function nonEmptyLines(text: string, from: number, max: number): Line[] {
  const out: Line[] = [];
  let pos = from;
  while (pos <= text.length && out.length < max) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    if (text.slice(pos, end).trim()) out.push({ start: pos, end });
    if (nl === -1) break;
    pos = nl + 1;
  }
  return out;
}

export function headerZone(text: string, title?: string): Zone | undefined {
  let from = 0;
  const t = title?.trim();
  if (t && t.length >= 4) {
    const at = text.indexOf(t);
    if (at >= 0) from = text.indexOf('\n', at) + 1 || text.length;
  }
  const lines = nonEmptyLines(text, from, STRUCTURE_LINES);
  if (!lines.length) return undefined;
  const zoneLines = lines.slice(0, ZONE_LINES);
  // A title line that is itself the document's first line still belongs to the zone.
  const start = from > 0 ? text.lastIndexOf('\n', from - 2) + 1 : zoneLines[0]!.start;
  return { start, end: zoneLines[zoneLines.length - 1]!.end, structureEnd: lines[lines.length - 1]!.end };
}

export function inZone(z: Zone | undefined, start: number): boolean {
  return !!z && start >= z.start && start < z.end;
}

/** `机密` alone on a line of the zone, in a document that has a 发文机关标志 or 发文字号. */
export function bareLevelLines(text: string, z: Zone | undefined): Line[] {
  if (!z || !STRUCTURE.test(text.slice(z.start, z.structureEnd))) return [];
  return nonEmptyLines(text, z.start, ZONE_LINES + 1)
    .filter((l) => l.start < z.end && BARE_LEVEL.test(text.slice(l.start, l.end)))
    .map((l) => {
      const raw = text.slice(l.start, l.end);
      const lead = raw.length - raw.trimStart().length;
      return { start: l.start + lead, end: l.start + raw.trimEnd().length };
    });
}
