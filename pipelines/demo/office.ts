/**
 * Minimal but valid OOXML files (the parts Word and Excel need), built in memory: the demo site's
 * attachments and the test fixtures, so no binary file has to be committed.
 */
import { zipSync, strToU8 } from 'fflate';

const CT_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>';
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const core = (creator: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${esc(creator)}</dc:creator><cp:lastModifiedBy>${esc(creator)}</cp:lastModifiedBy></cp:coreProperties>`;

export interface SheetSpec {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  rows: string[][];
  hiddenColumns?: number[];
  hiddenRows?: number[];
}

function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function buildXlsx(sheets: SheetSpec[], creator = '示范市民政局'): Buffer {
  const shared: string[] = [];
  const index = new Map<string, number>();
  const si = (t: string): number => {
    if (!index.has(t)) {
      index.set(t, shared.length);
      shared.push(t);
    }
    return index.get(t)!;
  };
  const files: Record<string, Uint8Array> = {};
  sheets.forEach((sh, n) => {
    const cols = (sh.hiddenColumns ?? []).map((c) => `<col min="${c + 1}" max="${c + 1}" hidden="1" width="0"/>`).join('');
    const rows = sh.rows
      .map((r, i) => `<row r="${i + 1}"${sh.hiddenRows?.includes(i) ? ' hidden="1"' : ''}>${r.map((v, j) => `<c r="${colName(j)}${i + 1}" t="s"><v>${si(v)}</v></c>`).join('')}</row>`)
      .join('');
    files[`xl/worksheets/sheet${n + 1}.xml`] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${rows}</sheetData></worksheet>`);
  });
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
      .map((sh, n) => `<sheet name="${esc(sh.name)}" sheetId="${n + 1}"${sh.state && sh.state !== 'visible' ? ` state="${sh.state}"` : ''} r:id="rId${n + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((_, n) => `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n + 1}.xml"/>`)
      .join('')}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  files['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${shared.map((t) => `<si><t>${esc(t)}</t></si>`).join('')}</sst>`);
  files['docProps/core.xml'] = strToU8(core(creator));
  files['[Content_Types].xml'] = strToU8(`${CT_HEAD}<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`);
  return Buffer.from(zipSync(files));
}

export interface DocxSpec {
  paragraphs: string[];
  hidden?: string[];
  deleted?: string[];
  comments?: { author: string; text: string }[];
  header?: string;
  creator?: string;
}

export function buildDocx(d: DocxSpec): Buffer {
  const run = (t: string, extra = ''): string => `<w:r>${extra ? `<w:rPr>${extra}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(t)}</w:t></w:r>`;
  const body = [
    ...d.paragraphs.map((p) => `<w:p>${run(p)}</w:p>`),
    ...(d.hidden ?? []).map((p) => `<w:p>${run(p, '<w:vanish/>')}</w:p>`),
    ...(d.deleted ?? []).map((p) => `<w:p><w:del w:id="1" w:author="x"><w:r><w:delText>${esc(p)}</w:delText></w:r></w:del></w:p>`),
  ].join('');
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const files: Record<string, Uint8Array> = {
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
    'docProps/core.xml': strToU8(core(d.creator ?? '示范市政府办公室')),
    '[Content_Types].xml': strToU8(`${CT_HEAD}<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`),
  };
  if (d.header) files['word/header1.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:hdr ${W}><w:p>${run(d.header)}</w:p></w:hdr>`);
  if (d.comments?.length) {
    files['word/comments.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:comments ${W}>${d.comments.map((c, i) => `<w:comment w:id="${i}" w:author="${esc(c.author)}"><w:p>${run(c.text)}</w:p></w:comment>`).join('')}</w:comments>`,
    );
  }
  return Buffer.from(zipSync(files));
}
