/**
 * Local files -> source items: the shared step of the dir, git and `check` inputs.
 * Kind is decided by extension, bytes are decoded with the same charset rules as the crawler.
 */
import { sizeText } from './size-text';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Clock, SourceKind } from '../../checks/types';
import { createPage, sha256Hex } from '../../checks/page';
import { decodeBody } from './charset';
import { attachmentKind, isImageUrl } from './links';
import type { SourceItem } from './source';
import { documentItems } from './extract';
import { binaryMessage, binaryShare } from './binary-body';

export const HTML_EXT = /\.(s?html?|xhtml)$/i;
export const TEXT_EXT = /\.(txt|md)$/i;
/** Files larger than this are reported, not read: a static-site folder is not an archive. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export function isScannable(path: string): boolean {
  return HTML_EXT.test(path) || TEXT_EXT.test(path) || attachmentKind(`file:///${path}`) !== undefined;
}

/** URL under which a file is reported: the site's base URL + relative path, else file://. */
export function urlFor(path: string, root: string, baseUrl?: string): string {
  if (!baseUrl) return pathToFileURL(path).href;
  const rel = relative(root, path).split(sep).map(encodeURIComponent).join('/');
  return new URL(rel, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href;
}

export async function fileToItems(bytes: Buffer, url: string, name: string, siteId: string, fetchedAt: string, origin: SourceKind): Promise<SourceItem[]> {
  // An image handed in on its own (`xunjian check scan.jpg`) is read by OCR.
  const docKind = attachmentKind(`file:///${name}`) ?? (isImageUrl(`file:///${name}`) ? 'image' : undefined);
  if (docKind && !HTML_EXT.test(name)) {
    return documentItems({ siteId, url, kind: docKind, fetchedAt, status: 200, headers: {}, bytes, sha256: sha256Hex(bytes), parts: [] });
  }
  const binary = binaryShare(bytes);
  if (binary !== undefined) return [{ kind: 'error', error: { input: name, code: 'not-text', message: `${binaryMessage(binary)}: nothing in it was checked` } }];
  const { text, charset } = decodeBody(bytes, undefined);
  const contentType = HTML_EXT.test(name) || (!TEXT_EXT.test(name) && /^\s*</.test(text)) ? 'html' : 'text';
  return [{ kind: 'page', page: createPage({ siteId, url, fetchedAt, body: bytes, contentType, charset, source: text, origin }) }];
}

export async function readFileItems(path: string, url: string, siteId: string, clock: Clock, origin: SourceKind): Promise<SourceItem[]> {
  try {
    const st = await stat(path);
    if (st.size > MAX_FILE_BYTES) {
      return [{ kind: 'error', error: { input: path, code: 'too-large', message: `${sizeText(st.size)} exceeds the ${sizeText(MAX_FILE_BYTES)} cap` } }];
    }
    return await fileToItems(await readFile(path), url, path, siteId, clock.now().toISOString(), origin);
  } catch (e) {
    return [{ kind: 'error', error: { input: path, code: 'unreadable', message: (e as Error).message } }];
  }
}

/** Every scannable file below `root`, sorted, skipping dot-folders and node_modules. */
export async function* walk(root: string): AsyncGenerator<string> {
  const entries = await readdir(root, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(root, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && isScannable(p)) yield p;
  }
}
