/**
 * Reading the parts of a zip (OOXML attachments, zip archives) with hard limits on what
 * decompression may produce: a declared size can lie, so bytes are counted as they are inflated
 * and an entry is abandoned the moment it passes a limit (zip bombs).
 */
import { sizeText } from '../size-text';
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';

export interface ZipLimits {
  maxEntries: number;
  /** Bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** Bytes all read entries together may inflate to. */
  maxTotalBytes: number;
  /** Inflated/compressed ratio beyond which an entry is a bomb, not a document. */
  maxRatio: number;
}

/**
 * An entry inflates to at most 64 MiB (an xlsx of about a million cells), one attachment to
 * 160 MiB: with what is held while reading, a bomb stops well under 300 MB of memory.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 5000, maxEntryBytes: 64 * 2 ** 20, maxTotalBytes: 160 * 2 ** 20, maxRatio: 1000 };

/** Compressed bytes handed to the inflater at a time (at most ~16 MiB inflated each). */
const PUSH_BYTES = 16 * 1024;

export class ExtractError extends Error {
  constructor(
    readonly code: 'zip-bomb' | 'corrupt' | 'encrypted' | 'unsupported' | 'too-many-entries' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'ExtractError';
  }
}

/** Inflated bytes counted across every zip read for one attachment, nested archives included. */
export interface InflateBudget {
  used: number;
}

/**
 * The named entries (all when `want` is omitted) of a zip, inflated within the limits. Pass the
 * same `budget` to the reads of nested archives so that the total limit holds for the whole
 * attachment, not for each archive inside it.
 */
export function readZip(
  bytes: Uint8Array,
  want: (name: string) => boolean = () => true,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  budget: InflateBudget = { used: 0 },
): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let entries = 0;
  let failure: ExtractError | undefined;
  const unfinished = new Set<string>();
  const uz = new Unzip();
  uz.register(UnzipInflate);
  uz.onfile = (file: UnzipFile) => {
    if (failure) return;
    if (++entries > limits.maxEntries) {
      failure = new ExtractError('too-many-entries', `more than ${limits.maxEntries} entries`);
      return;
    }
    if (!want(file.name)) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    unfinished.add(file.name);
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = new ExtractError('corrupt', `${file.name}: ${err.message}`);
        return;
      }
      size += chunk.length;
      budget.used += chunk.length;
      const ratio = file.size ? size / file.size : 0;
      if (size > limits.maxEntryBytes || budget.used > limits.maxTotalBytes || (size > 1_000_000 && ratio > limits.maxRatio)) {
        failure = new ExtractError('zip-bomb', `${file.name} inflates beyond the limits (${sizeText(size)} from ${file.size ? sizeText(file.size) : '?'} compressed)`);
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) {
        unfinished.delete(file.name);
        out.set(file.name, Buffer.concat(chunks));
      }
    };
    try {
      file.start();
    } catch (e) {
      failure ??= new ExtractError(/encrypt/i.test((e as Error).message) ? 'encrypted' : 'unsupported', `${file.name}: ${(e as Error).message}`);
    }
  };
  try {
    // Fed in small slices: fflate inflates whatever it is given in one go, so a 1 MB entry
    // pushed whole becomes one 1 GiB chunk before any limit is looked at. A slice of
    // PUSH_BYTES inflates to at most ~1,032 times that (deflate's ceiling).
    for (let at = 0; at < bytes.length && !failure; at += PUSH_BYTES) {
      const end = Math.min(at + PUSH_BYTES, bytes.length);
      uz.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch (e) {
    if (!failure) throw new ExtractError('corrupt', (e as Error).message);
  }
  if (failure) throw failure;
  // The streaming reader is lenient: a cut-off file just ends. Say so instead of returning less.
  if (entries === 0) throw new ExtractError('corrupt', 'no zip entries could be read (truncated or corrupt)');
  if (unfinished.size) throw new ExtractError('corrupt', `truncated: ${[...unfinished].slice(0, 3).join(', ')} ended early`);
  return out;
}
