/**
 * Every page check on markup written to stall a scanner: each of 43 runs (a backslash, each quote,
 * brackets, escapes, entities, URLs, dates, CJK punctuation…) repeated 3,000 times in each of 12
 * places (a script's unterminated string, a script, a style sheet, a style attribute, a link, text,
 * the title, a comment, a meta, an event handler, a document.write argument, a frame's address).
 * A regex that backtracks exponentially stalls on a few dozen characters: tamper.injected-script's
 * string literals did on 20 backslashes (21 s; 25 never finished). The checks run in a child
 * process, the CLI as users run it, so a stall fails the test at its deadline instead of holding
 * the test runner (a synchronous regex cannot be interrupted).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const RUNS = ['\\', '"', "'", '`', '(', ')', '[', '{', '<', '>', '/', '*', '=', ',', '.', '-', '_', '%', '&', '#', ';', ':', ' ', '\t', '\n', 'a', '0', '中', '、', '。',
  '\\x4', '\\u00', '&#', 'http://', '<a ', 'url(', 'var(', '@import ', '&nbsp;', '1.', '2026-', '年', '\\\\'];
const PLACES: Record<string, (run: string) => string> = {
  'script-string': (r) => `<script>var s="${r}</script>`,
  script: (r) => `<script>${r}</script>`,
  'document-write': (r) => `<script>document.write('${r}</script>`,
  style: (r) => `<style>${r}</style>`,
  'style-attribute': (r) => `<div style="${r}">x</div>`,
  href: (r) => `<a href="${r}">x</a>`,
  text: (r) => `<p>${r}</p>`,
  comment: (r) => `<!--${r}`,
  meta: (r) => `<meta name="keywords" content="${r}">`,
  onclick: (r) => `<a href="#" onclick="${r}">x</a>`,
  iframe: (r) => `<iframe src="${r}"></iframe>`,
  title: () => '',
};

describe('every page check on markup written to stall it', () => {
  it('finishes every page, and reads them all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-pathological-'));
    let files = 0;
    for (const [place, wrap] of Object.entries(PLACES)) {
      mkdirSync(join(dir, place));
      RUNS.forEach((c, i) => {
        const run = c.repeat(Math.ceil(3000 / c.length));
        const title = place === 'title' ? run : '示范市人民政府';
        writeFileSync(join(dir, place, `run${i}.html`), `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><p>正文。</p>${wrap(run)}</body></html>`);
        files++;
      });
    }
    const r = spawnSync(process.execPath, ['-r', join(ROOT, 'test/helpers/ts-register.js'), join(ROOT, 'pipelines/cli.ts'), 'check', dir, '--format', 'json', '--fail-on', 'none'], {
      cwd: dir, encoding: 'utf8', timeout: 150_000, maxBuffer: 2 ** 28,
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { summary: { pages: number; status: string }; errors: unknown[] };
    expect(out.summary.pages).toBe(files);
    expect(out.errors).toEqual([]);
  }, 180_000);
});
