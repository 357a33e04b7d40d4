/**
 * Tables of people (公示 lists, spreadsheets): extracted text keeps a table as rows of
 * tab-separated cells, so a value's row and the header above it can be read back. A row that ties
 * a person's name to an identifier, or to a PIPL art. 28 sensitive attribute (health, disability,
 * religion, criminal record, whereabouts), is more serious than the identifier alone; a masked
 * name (张*, 李*明) is the de-identification the rules ask for and does not escalate.
 */

/**
 * Name columns of 公示 lists (privacy-secrecy.md §3.9). 联系人 is left out: a table of offices'
 * contact people is how notices are written, not a list of citizens.
 */
const NAME_HEADER = /^\s*(?:姓\s*名|户主(?:姓名)?|申请人(?:姓名)?|救助对象|受助人|参保人|学生姓名|患者(?:姓名)?|监护人|家庭成员|被执行人|当事人)\s*$/;

/** Art. 28 sensitive personal information, by the column header that carries it. */
const SENSITIVE_HEADERS: [RegExp, string][] = [
  [/病种|诊断|病情|疾病|精神|艾滋|HIV|传染病|住院/, '健康信息 (health)'],
  [/残疾类别|残疾等级|残疾类型/, '残疾信息 (disability)'],
  [/宗教|信仰/, '宗教信仰 (religion)'],
  [/犯罪|刑满释放|社区矫正|吸毒|戒毒|前科/, '违法犯罪记录 (criminal record)'],
  [/行程|轨迹/, '行踪轨迹 (whereabouts)'],
];

const PERSON_NAME = /^[\u4e00-\u9fa5]{2,4}$|^[\u4e00-\u9fa5]{1,6}·[\u4e00-\u9fa5]{1,8}$/;
const MASKED_NAME = /^[\u4e00-\u9fa5]{1,2}[*＊×Ｘ]+[\u4e00-\u9fa5]?$/;

export interface RowFacts {
  /** The header row above names people. */
  nameColumn: boolean;
  /** This row's name cell holds a full (unmasked) personal name. */
  named: boolean;
  /** This row's name cell is masked (张*). */
  nameMasked: boolean;
  /** The header has an art. 28 sensitive column: its label. */
  sensitive?: string;
}

function lineAt(text: string, pos: number): { from: number; to: number } {
  const from = text.lastIndexOf('\n', pos - 1) + 1;
  const nl = text.indexOf('\n', pos);
  return { from, to: nl === -1 ? text.length : nl };
}

export function sensitiveLabel(header: readonly string[]): string | undefined {
  for (const cell of header) for (const [re, label] of SENSITIVE_HEADERS) if (re.test(cell)) return label;
  return undefined;
}

interface Header {
  cells: string[];
  nameIndex: number;
}

/**
 * Per text, once: the start of every line and the header that governs it (the nearest row above,
 * in the same block of tab-separated rows, with a name column; else the block's first row).
 * Privacy rules ask about many values of one long sheet, so each question is a binary search.
 */
interface TableIndex {
  lineStarts: number[];
  headers: (Header | undefined)[];
}

let cached: { text: string; index: TableIndex } | undefined;

function indexOf(text: string): TableIndex {
  if (cached?.text === text) {
    // Equal text in another string (a second page with the same content) compares character by
    // character; keeping this one makes every later question about it a pointer comparison.
    cached.text = text;
    return cached.index;
  }
  const lineStarts: number[] = [];
  const headers: (Header | undefined)[] = [];
  let block: Header | undefined;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(pos, end);
    lineStarts.push(pos);
    if (!line.includes('\t')) {
      block = undefined;
      headers.push(undefined);
    } else {
      // A row is governed by the header above it, never by itself.
      headers.push(block);
      const cells = line.split('\t');
      const nameIndex = cells.findIndex((c) => NAME_HEADER.test(c));
      if (nameIndex >= 0) block = { cells, nameIndex };
      else block ??= { cells, nameIndex: -1 };
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  const index = { lineStarts, headers };
  cached = { text, index };
  return index;
}

function lineNumber(starts: number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The header row governing the table row a position is in, if it is in a table. */
export function headerOf(text: string, pos: number): Header | undefined {
  const idx = indexOf(text);
  return idx.headers[lineNumber(idx.lineStarts, pos)];
}

export function rowFacts(text: string, pos: number): RowFacts {
  const header = headerOf(text, pos);
  if (!header) return { nameColumn: false, named: false, nameMasked: false };
  const { from, to } = lineAt(text, pos);
  const name = header.nameIndex >= 0 ? (text.slice(from, to).split('\t')[header.nameIndex] ?? '').trim() : '';
  const sensitive = sensitiveLabel(header.cells);
  return {
    nameColumn: header.nameIndex >= 0,
    named: PERSON_NAME.test(name),
    nameMasked: MASKED_NAME.test(name),
    ...(sensitive ? { sensitive } : {}),
  };
}

export interface SensitiveTable {
  /** Offsets of the sensitive header cell. */
  start: number;
  end: number;
  label: string;
  /** Rows with a full personal name. */
  named: number;
  /** Rows with a masked name. */
  masked: number;
}

/** Tables whose header has a name column and a sensitive column, with their named rows counted. */
export function sensitiveTables(text: string): SensitiveTable[] {
  const out: SensitiveTable[] = [];
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const to = nl === -1 ? text.length : nl;
    const cells = text.slice(pos, to).split('\t');
    const nameIndex = cells.length > 1 ? cells.findIndex((c) => NAME_HEADER.test(c)) : -1;
    const label = nameIndex >= 0 ? sensitiveLabel(cells) : undefined;
    if (label) {
      let col = 0;
      let cellStart = pos;
      for (; col < cells.length; col++) {
        if (SENSITIVE_HEADERS.some(([re]) => re.test(cells[col]!))) break;
        cellStart += cells[col]!.length + 1;
      }
      const t: SensitiveTable = { start: cellStart, end: cellStart + cells[col]!.length, label, named: 0, masked: 0 };
      let r = to + 1;
      while (r < text.length) {
        const rn = text.indexOf('\n', r);
        const rto = rn === -1 ? text.length : rn;
        const row = text.slice(r, rto);
        if (!row.includes('\t')) break;
        const name = (row.split('\t')[nameIndex] ?? '').trim();
        if (PERSON_NAME.test(name)) t.named++;
        else if (MASKED_NAME.test(name)) t.masked++;
        r = rto + 1;
      }
      out.push(t);
      pos = r;
      continue;
    }
    pos = to + 1;
  }
  return out;
}

/** The header cell of the column the value at `pos` stands in, when it is in a table row. */
export function columnHeaderAt(text: string, pos: number): string | undefined {
  const header = headerOf(text, pos);
  if (!header) return undefined;
  const { from } = lineAt(text, pos);
  const column = text.slice(from, pos).split('\t').length - 1;
  return header.cells[column]?.trim();
}

/**
 * The cells under the column whose header matches `column`, on the rows of tables whose header
 * names people (a 家庭住址 or QQ column of a 公示 list): where each starts, and its text.
 */
export function namedTableCells(text: string, column: RegExp): { start: number; text: string }[] {
  const { lineStarts, headers } = indexOf(text);
  const out: { start: number; text: string }[] = [];
  headers.forEach((header, n) => {
    if (!header || header.nameIndex < 0) return;
    const k = header.cells.findIndex((c) => column.test(c.trim()));
    if (k < 0) return;
    const from = lineStarts[n]!;
    const next = lineStarts[n + 1];
    const cells = text.slice(from, next === undefined ? text.length : next - 1).split('\t');
    if (k < cells.length) out.push({ start: from + cells.slice(0, k).reduce((at, c) => at + c.length + 1, 0), text: cells[k]! });
  });
  return out;
}

/** The value at `pos` sits in a table whose header names people. */
export function inNamedTable(text: string, pos: number): boolean {
  return rowFacts(text, pos).nameColumn;
}
