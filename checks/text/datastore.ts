/**
 * Lists a CMS ships as data for a script to render. 大汉 (Hanweb) jpage, the list component of a great
 * many government portals (`/col/col123/index.html`, `/art/2026/11/20/art_123_456.html`), puts each
 * column's items in the page as
 *
 *   <script type="text/xml"><datastore><recordset>
 *     <record><![CDATA[ <li><a href="/art/…">标题</a><span>2026-11-20</span></li> ]]></record> …
 *
 * and a script turns them into the list a visitor sees. Read as script, such a homepage has no
 * dated item (a critical 首页不更新 for a site updated yesterday) and no link to any article (a crawl
 * that never leaves the navigation). The records are read as the markup they are, at their place.
 */

/** One record's markup and where it starts inside the script's text. */
export interface DatastoreRecord {
  html: string;
  offset: number;
}

const RECORD = /<record>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/record>/g;

/** The records of a `<script type="text/xml">` datastore, or none for any other script. */
export function datastoreRecords(scriptText: string): DatastoreRecord[] {
  if (!scriptText.includes('<datastore') || !scriptText.includes('<record')) return [];
  const out: DatastoreRecord[] = [];
  for (const m of scriptText.matchAll(RECORD)) {
    const html = m[1]!;
    out.push({ html, offset: m.index + m[0].indexOf('<![CDATA[') + '<![CDATA['.length });
  }
  return out;
}

/** Whether a script element's type marks it as data (text/xml), not code. */
export function isDataScript(type: string | undefined): boolean {
  return type !== undefined && /xml/i.test(type);
}
