/** The CONTRACT.md JSON document: stable, machine-read by CMS hooks and scripts. */
import type { RunResult } from '../pipelines/run';

const indented = (v: unknown, pad: string): string => (JSON.stringify(v, null, 2) ?? 'null').replace(/\n/g, `\n${pad}`);

/**
 * The document in pieces of about `size` characters, exactly as `JSON.stringify(r, null, 2)` writes
 * it: a 100,000-page run's document is tens of megabytes, and written whole it was the largest
 * thing the run held at its end.
 */
export function* jsonChunks(r: RunResult, size = 64 * 1024): Generator<string> {
  let buf = '{\n';
  const entries = Object.entries(r).filter(([, v]) => v !== undefined && typeof v !== 'function');
  for (const [i, [key, value]] of entries.entries()) {
    if (Array.isArray(value) && value.length) {
      buf += `  ${JSON.stringify(key)}: [\n`;
      for (let j = 0; j < value.length; j++) {
        buf += `    ${indented(value[j], '    ')}${j < value.length - 1 ? ',' : ''}\n`;
        if (buf.length >= size) {
          yield buf;
          buf = '';
        }
      }
      buf += '  ]';
    } else {
      buf += `  ${JSON.stringify(key)}: ${indented(value, '  ')}`;
    }
    buf += i < entries.length - 1 ? ',\n' : '\n';
  }
  yield `${buf}}\n`;
}

export function renderJson(r: RunResult): string {
  return [...jsonChunks(r)].join('');
}
