/**
 * Zip bombs generated on demand (never stored): a zip whose entries are written as streams of
 * chunks, deflated by zlib as they go, so a 1 GiB entry costs the test 1 MB of memory.
 */
import { createDeflateRaw, crc32 } from 'node:zlib';

export interface StreamedEntry {
  name: string;
  /** The entry's content, in pieces; may be enormous in total. */
  chunks: () => Iterable<Buffer>;
}

async function deflateEntry(e: StreamedEntry): Promise<{ data: Buffer; crc: number; size: number }> {
  const d = createDeflateRaw({ level: 9, memLevel: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    d.on('end', resolve);
    d.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const c of e.chunks()) {
    crc = crc32(c, crc);
    size += c.length;
    if (!d.write(c)) await new Promise((r) => d.once('drain', r));
  }
  d.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

/** A zip (deflate, no zip64: each entry under 4 GiB) of the given entries. */
export async function zipOf(entries: StreamedEntry[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const { data, crc, size } = await deflateEntry(e);
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(size >>> 0, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(dir, name);
    offset += local.length + name.length + data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dirBytes, end]);
}

const once = (s: string) => () => [Buffer.from(s, 'utf8')];

/** An xlsx whose shared-strings part inflates to about `inflatedBytes` (one enormous string). */
export function xlsxBomb(inflatedBytes: number): Promise<Buffer> {
  const mib = Buffer.alloc(2 ** 20, 'A');
  return zipOf([
    { name: '[Content_Types].xml', chunks: once('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: 'xl/workbook.xml', chunks: once('<?xml version="1.0"?><workbook><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>') },
    {
      name: 'xl/sharedStrings.xml',
      chunks: function* () {
        yield Buffer.from('<?xml version="1.0"?><sst><si><t>');
        for (let n = 0; n < inflatedBytes; n += mib.length) yield mib;
        yield Buffer.from('</t></si></sst>');
      },
    },
  ]);
}

/** A small, ordinary xlsx of the same shape (the baseline a bomb is measured against). */
export function xlsxSmall(): Promise<Buffer> {
  return zipOf([
    { name: '[Content_Types].xml', chunks: once('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: 'xl/workbook.xml', chunks: once('<?xml version="1.0"?><workbook><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>') },
    { name: 'xl/sharedStrings.xml', chunks: once('<?xml version="1.0"?><sst><si><t>通知</t></si></sst>') },
  ]);
}
