/**
 * Minimal but valid OOXML and PDF files, built in memory: the demo site's attachments and the test
 * fixtures, so no binary file has to be committed.
 */
import { zipSync, strToU8 } from 'fflate';

const CT_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>';
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const core = (creator: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${esc(creator)}</dc:creator><cp:lastModifiedBy>${esc(creator)}</cp:lastModifiedBy></cp:coreProperties>`;

export interface SheetSpec {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** Cells: text (a shared string), or a number cell's stored value as Excel writes it (`{ n: '1.10105199003071E+17' }`). */
  rows: (string | { n: string })[][];
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
      .map((r, i) => `<row r="${i + 1}"${sh.hiddenRows?.includes(i) ? ' hidden="1"' : ''}>${r.map((v, j) => (typeof v === 'string' ? `<c r="${colName(j)}${i + 1}" t="s"><v>${si(v)}</v></c>` : `<c r="${colName(j)}${i + 1}"><v>${v.n}</v></c>`)).join('')}</row>`)
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

/** What a one-page PDF may carry besides its text lines. */
export interface PdfExtras {
  /** Black filled rectangles [x, y, width, height] drawn over the page (a redaction done wrong). */
  boxes?: [number, number, number, number][];
  /** Text annotations (sticky notes), by their Contents. */
  notes?: string[];
  /** An XMP metadata packet: dc:creator and the like. */
  xmp?: { creator?: string; creatorTool?: string };
  /** A grayscale JPEG drawn on the page (a scanned page): its bytes and size in pixels. */
  scan?: { jpeg: Buffer; width: number; height: number };
}

/**
 * A one-page PDF whose text uses the Adobe-GB1 CID font STSong-Light with the UniGB-UCS2-H CMap:
 * Chinese text without embedding a font, readable by any PDF reader with the standard CMaps.
 */
export function buildPdf(lines: string[], info: Record<string, string> = {}, extras: PdfExtras = {}): Buffer {
  const hex = (s: string): string => [...s].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('').toUpperCase();
  const text = lines.map((l, i) => `BT /F1 12 Tf 72 ${720 - i * 20} Td <${hex(l)}> Tj ET`).join('\n');
  const boxes = (extras.boxes ?? []).map(([x, y, w, h]) => `0 0 0 rg ${x} ${y} ${w} ${h} re f`).join('\n');
  const scan = extras.scan ? `q ${extras.scan.width / 2} 0 0 ${extras.scan.height / 2} 36 300 cm /Im1 Do Q` : '';
  const stream = [text, boxes, scan].filter(Boolean).join('\n');
  const infoDict = Object.entries(info).map(([k, v]) => `/${k} (${v.replace(/[()\\]/g, '')})`).join(' ');
  const notes = extras.notes ?? [];
  const annotRefs = notes.map((_, i) => `${9 + i} 0 R`).join(' ');
  const xmpRef = extras.xmp ? 9 + notes.length : undefined;
  const imageRef = extras.scan ? 9 + notes.length + (extras.xmp ? 1 : 0) : undefined;
  const objs = [
    `<< /Type /Catalog /Pages 2 0 R${xmpRef ? ` /Metadata ${xmpRef} 0 R` : ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >>${imageRef ? ` /XObject << /Im1 ${imageRef} 0 R >>` : ''} >>${notes.length ? ` /Annots [${annotRefs}]` : ''} >>`,
    `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>',
    `<< ${infoDict} >>`,
    ...notes.map((n, i) => `<< /Type /Annot /Subtype /Text /Rect [${20 + i * 30} 20 ${40 + i * 30} 40] /Contents <FEFF${hex(n)}> >>`),
  ];
  if (extras.xmp) {
    const x = extras.xmp;
    const packet = Buffer.from(
      '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">' +
        (x.creator ? `<dc:creator><rdf:Seq><rdf:li>${x.creator}</rdf:li></rdf:Seq></dc:creator>` : '') +
        (x.creatorTool ? `<xmp:CreatorTool>${x.creatorTool}</xmp:CreatorTool>` : '') +
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>',
      'utf8',
    ).toString('latin1');
    objs.push(`<< /Type /Metadata /Subtype /XML /Length ${Buffer.byteLength(packet, 'latin1')} >>\nstream\n${packet}\nendstream`);
  }
  if (extras.scan) {
    const { jpeg, width, height } = extras.scan;
    objs.push(`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n${jpeg.toString('latin1')}\nendstream`);
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Info 8 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
