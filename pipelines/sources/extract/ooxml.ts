/**
 * DOCX and XLSX -> located parts, visibility kept. What leaks is usually what the reader does not
 * see: tracked deletions, hidden (vanish) runs, comments, author metadata, hidden sheets, rows and
 * columns. Parsed with htmlparser2 in XML mode over the raw parts (mammoth drops w:del and
 * headers; exceljs is unmaintained), so nothing is interpreted that we do not look at.
 */
import { LinearParser } from '../../../checks/text/parse-html';
import type { CellSpan, DocumentPart } from '../../../checks/types';
import { ExtractError } from './zip';

function walkXml(xml: string, handlers: { open?(name: string, attrs: Record<string, string>): void; text?(t: string): void; close?(name: string): void }): void {
  const p = new LinearParser(
    { onopentag: (n, a) => handlers.open?.(n, a), ontext: (t) => handlers.text?.(t), onclosetag: (n) => handlers.close?.(n) },
    { xmlMode: true, decodeEntities: true },
  );
  p.write(xml);
  p.end();
}

const utf8 = (b: Buffer | undefined): string => (b ? b.toString('utf8') : '');

/** Text of a WordprocessingML part: visible runs, hidden (w:vanish) runs and tracked deletions apart. */
function wordText(xml: string): { visible: string; hidden: string; deleted: string } {
  const visible: string[] = [];
  const hidden: string[] = [];
  const deleted: string[] = [];
  let inRunProps = false;
  let runHidden = false;
  let inText: 'visible' | 'deleted' | undefined;
  walkXml(xml, {
    open(n, a) {
      if (n === 'w:r') runHidden = false;
      else if (n === 'w:rPr') inRunProps = true;
      else if (n === 'w:vanish' && inRunProps && a['w:val'] !== '0' && a['w:val'] !== 'false') runHidden = true;
      else if (n === 'w:t') inText = 'visible';
      else if (n === 'w:delText') inText = 'deleted';
      else if (n === 'w:tab') (runHidden ? hidden : visible).push('\t');
    },
    text(t) {
      if (inText === 'deleted') deleted.push(t);
      else if (inText === 'visible') (runHidden ? hidden : visible).push(t);
    },
    close(n) {
      if (n === 'w:rPr') inRunProps = false;
      else if (n === 'w:t' || n === 'w:delText') inText = undefined;
      else if (n === 'w:p') {
        visible.push('\n');
        if (hidden.length && hidden[hidden.length - 1] !== '\n') hidden.push('\n');
        if (deleted.length && deleted[deleted.length - 1] !== '\n') deleted.push('\n');
      }
    },
  });
  return { visible: visible.join(''), hidden: hidden.join(''), deleted: deleted.join('') };
}

/** docProps/core.xml and app.xml fields that name people and organisations, and when the file was made. */
function metadataParts(files: Map<string, Buffer>): DocumentPart[] {
  const parts: DocumentPart[] = [];
  const fields: Record<string, string[]> = {
    'docProps/core.xml': ['dc:creator', 'cp:lastModifiedBy', 'dc:title', 'dc:subject', 'cp:keywords', 'dc:description', 'dcterms:created', 'dcterms:modified'],
    'docProps/app.xml': ['Company', 'Manager', 'Template'],
  };
  for (const [file, names] of Object.entries(fields)) {
    const xml = utf8(files.get(file));
    if (!xml) continue;
    let current: string | undefined;
    let value = '';
    walkXml(xml, {
      open(n) {
        if (names.includes(n)) {
          current = n;
          value = '';
        }
      },
      text(t) {
        if (current) value += t;
      },
      close(n) {
        if (n === current) {
          if (value.trim()) parts.push({ part: `${file.includes('core') ? 'core' : 'app'}:${n.replace(/^\w+:/, '')}`, text: value.trim(), hidden: true });
          current = undefined;
        }
      },
    });
  }
  return parts;
}

/** The zip entries the docx and xlsx readers look at, read once per attachment. */
export const OOXML_PARTS = /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$|^xl\/(workbook\.xml|sharedStrings\.xml|_rels\/workbook\.xml\.rels|worksheets\/[^/]+\.xml|comments\d*\.xml)$|^docProps\/(core|app)\.xml$/;

export function extractDocx(files: Map<string, Buffer>): DocumentPart[] {
  const body = files.get('word/document.xml');
  if (!body) throw new ExtractError('unsupported', 'no word/document.xml: not a Word document');
  const parts: DocumentPart[] = [];
  const main = wordText(utf8(body));
  parts.push({ part: 'body', text: main.visible, hidden: false });
  if (main.hidden.trim()) parts.push({ part: 'hidden text', text: main.hidden, hidden: true });
  if (main.deleted.trim()) parts.push({ part: 'tracked deletions', text: main.deleted, hidden: true });
  for (const [name, data] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const m = /^word\/(header\d*|footer\d*|footnotes|endnotes)\.xml$/.exec(name);
    if (!m) continue;
    const t = wordText(utf8(data));
    if (t.visible.trim()) parts.push({ part: m[1]!, text: t.visible, hidden: false });
    if (t.deleted.trim()) parts.push({ part: `${m[1]} tracked deletions`, text: t.deleted, hidden: true });
  }
  const comments = utf8(files.get('word/comments.xml'));
  if (comments) {
    let n = 0;
    let buf: string[] | undefined;
    let author = '';
    walkXml(comments, {
      open(tag, a) {
        if (tag === 'w:comment') {
          buf = [];
          author = a['w:author'] ?? '';
        } else if (tag === 'w:p' && buf?.length) buf.push('\n');
      },
      text(t) {
        buf?.push(t);
      },
      close(tag) {
        if (tag === 'w:comment' && buf) {
          n++;
          parts.push({ part: `comment ${n}`, text: `${author ? `${author}: ` : ''}${buf.join('').trim()}`, hidden: true });
          buf = undefined;
        }
      },
    });
  }
  parts.push(...metadataParts(files));
  return parts;
}

/**
 * A numeric cell's value in plain digits: Excel stores an ID number typed into a number cell as
 * 1.10105199003071E+17 (15 significant digits), which no identifier pattern reads; shown in full it
 * is 110105199003071000, still a person's region, birth date and sequence.
 */
function numberAsShown(value: string): string {
  if (!/^-?\d(?:\.\d+)?[eE]\+?\d{1,2}$/.test(value)) return value;
  const n = Number(value);
  return Number.isFinite(n) && Math.abs(n) < 1e21 ? String(n) : value;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const c of ref.replace(/\d+$/, '')) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

export function extractXlsx(files: Map<string, Buffer>): DocumentPart[] {
  const wb = utf8(files.get('xl/workbook.xml'));
  if (!wb) throw new ExtractError('unsupported', 'no xl/workbook.xml: not an Excel workbook');
  const rels = new Map<string, string>();
  walkXml(utf8(files.get('xl/_rels/workbook.xml.rels')), {
    open(n, a) {
      if (n === 'Relationship' && a['Id'] && a['Target']) rels.set(a['Id'], a['Target'].replace(/^\/?(xl\/)?/, 'xl/'));
    },
  });
  const sheets: { name: string; state: string; path?: string }[] = [];
  const definedNames: string[] = [];
  let inName = false;
  walkXml(wb, {
    open(n, a) {
      if (n === 'sheet') sheets.push({ name: a['name'] ?? '?', state: a['state'] ?? 'visible', path: rels.get(a['r:id'] ?? '') });
      else if (n === 'definedName') inName = true;
    },
    text(t) {
      if (inName) definedNames.push(t);
    },
    close(n) {
      if (n === 'definedName') inName = false;
    },
  });
  const shared: string[] = [];
  let si: string[] | undefined;
  let inT = false;
  walkXml(utf8(files.get('xl/sharedStrings.xml')), {
    open(n) {
      if (n === 'si') si = [];
      else if (n === 't') inT = true;
    },
    text(t) {
      if (inT && si) si.push(t);
    },
    close(n) {
      if (n === 't') inT = false;
      else if (n === 'si' && si) {
        shared.push(si.join(''));
        si = undefined;
      }
    },
  });
  const parts: DocumentPart[] = [];
  for (const sheet of sheets) {
    const xml = utf8(sheet.path ? files.get(sheet.path) : undefined);
    if (!xml) continue;
    const sheetHidden = sheet.state !== 'visible';
    const hiddenCols: [number, number][] = [];
    const chunks: string[] = [];
    const cells: CellSpan[] = [];
    let length = 0;
    let rowHidden = false;
    let rowHasCells = false;
    let cell: { ref: string; type: string; value: string } | undefined;
    let inValue = false;
    walkXml(xml, {
      open(n, a) {
        if (n === 'col' && (a['hidden'] === '1' || a['hidden'] === 'true')) hiddenCols.push([Number(a['min']), Number(a['max'])]);
        else if (n === 'row') {
          rowHidden = a['hidden'] === '1' || a['hidden'] === 'true';
          rowHasCells = false;
        } else if (n === 'c') cell = { ref: a['r'] ?? '', type: a['t'] ?? 'n', value: '' };
        else if ((n === 'v' || n === 't') && cell) inValue = true;
      },
      text(t) {
        if (inValue && cell) cell.value += t;
      },
      close(n) {
        if (n === 'v' || n === 't') inValue = false;
        else if (n === 'c' && cell) {
          const text = cell.type === 's' ? (shared[Number(cell.value)] ?? '') : cell.type === 'n' ? numberAsShown(cell.value) : cell.value;
          if (text !== '') {
            if (rowHasCells) {
              chunks.push('\t');
              length++;
            }
            const col = columnIndex(cell.ref);
            const hidden = sheetHidden || rowHidden || hiddenCols.some(([lo, hi]) => col >= lo && col <= hi);
            cells.push({ start: length, end: length + text.length, ref: `${sheet.name}!${cell.ref}`, hidden });
            chunks.push(text);
            length += text.length;
            rowHasCells = true;
          }
          cell = undefined;
        } else if (n === 'row' && rowHasCells) {
          chunks.push('\n');
          length++;
        }
      },
    });
    parts.push({ part: sheet.name, text: chunks.join(''), hidden: sheetHidden, cells });
  }
  if (definedNames.length) parts.push({ part: 'defined names', text: definedNames.join('\n'), hidden: true });
  for (const [name, data] of files) {
    const m = /^xl\/comments(\d*)\.xml$/.exec(name);
    if (!m) continue;
    const texts: string[] = [];
    walkXml(utf8(data), { text: (t) => void texts.push(t) });
    if (texts.join('').trim()) parts.push({ part: `comments${m[1]}`, text: texts.join(''), hidden: true });
  }
  parts.push(...metadataParts(files));
  return parts;
}
