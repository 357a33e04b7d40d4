/**
 * Wording: the matcher with 60,000 terms beside @monyone/aho-corasick (default and /fast) on the
 * same terms and text — ours normalises while it scans (width, case, zero-width, line breaks),
 * theirs matches raw text; every wording rule on a 50 KB article page; and detection quality on
 * the ECSpell ODW sentences and the clean government corpus.
 *
 * Terms: half are 2–5 character substrings of government text (so hits are dense, as for a
 * custom list of local names), half random CJK strings (never hit, like most of a sensitive-word
 * list). Both sets are also run apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AhoCorasick } from '@monyone/aho-corasick';
// The /fast build ships only .d.mts types, which CommonJS resolution cannot see; its API is the default one's.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AhoCorasick: FastAhoCorasick } = require('@monyone/aho-corasick/fast') as { AhoCorasick: typeof AhoCorasick };
import { TermAutomaton } from '../../checks/text/aho-corasick';
import { createPage } from '../../checks/page';
import { CHECKS } from '../../checks/registry';
import type { PageCheck, Severity } from '../../checks/types';
import { severityRank } from '../../checks/types';
import { silentLogger } from '../../pipelines/log';
import { buildWordFrequencies, wordFrequencies } from '../../pipelines/word-frequencies';
import { readTypoTables } from '../../pipelines/typo-tables-file';
import { buildTypoIndexes } from '../../checks/wording/typo';
import { emit } from './emit';

const SHARED = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus');
const ctx = { clock: { now: () => new Date() }, log: silentLogger, firstSeen: () => undefined, frequencies: wordFrequencies };
const wording = CHECKS.filter((c): c is PageCheck => c.kind === 'page' && c.meta.family === 'wording');

function corpus(): string[] {
  try {
    const dir = join(SHARED, 'gov-docs');
    return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
  } catch {
    process.stderr.write('wording bench: shared/corpus not found, using a generated text\n');
    return ['为深入贯彻落实党中央、国务院决策部署，进一步提升政务公开工作质量，现就有关事项通知如下。\n'.repeat(40_000)];
  }
}

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ms(f: () => void, runs = 5): number {
  f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    f();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[runs >> 1]!;
}

function matcher(text: string): void {
  const rnd = rng(7);
  const dense = new Set<string>();
  while (dense.size < 30_000) {
    const p = Math.floor(rnd() * (text.length - 6));
    const s = text.slice(p, p + 2 + Math.floor(rnd() * 4));
    if (!/[\s\p{P}]/u.test(s)) dense.add(s);
  }
  const sparse = new Set<string>();
  while (sparse.size < 30_000) {
    let s = '';
    for (let k = 2 + Math.floor(rnd() * 4); k > 0; k--) s += String.fromCharCode(0x4e00 + Math.floor(rnd() * 20_000));
    if (!dense.has(s)) sparse.add(s);
  }
  for (const [name, terms] of [['60k', [...dense, ...sparse]], ['30k-dense', [...dense]], ['30k-sparse', [...sparse]]] as const) {
    let ours!: TermAutomaton;
    let theirs!: AhoCorasick;
    let fast!: AhoCorasick;
    const buildOurs = ms(() => (ours = new TermAutomaton(terms)), 3);
    const buildTheirs = ms(() => (theirs = new AhoCorasick([...terms])), 3);
    const buildFast = ms(() => (fast = new FastAhoCorasick([...terms])), 3);
    let hits = 0;
    const scanOurs = ms(() => {
      hits = 0;
      ours.scan(text, () => hits++);
    });
    const scanTheirs = ms(() => theirs.matchInText(text));
    const scanFast = ms(() => fast.matchInText(text));
    const rate = (t: number) => Math.round(text.length / (t / 1000));
    emit({ bench: `wording-matcher-${name}-build`, metric: 'build_ms', value: Number(buildOurs.toFixed(0)), unit: 'ms', vs: `@monyone/aho-corasick ${buildTheirs.toFixed(0)} ms, /fast ${buildFast.toFixed(0)} ms`, ratio: Number((buildTheirs / buildOurs).toFixed(2)) });
    emit({ bench: `wording-matcher-${name}-scan`, metric: 'chars_per_s', value: rate(scanOurs), unit: 'chars/s', vs: `@monyone/aho-corasick ${rate(scanTheirs)} chars/s, /fast ${rate(scanFast)} chars/s (raw text, no normalisation); ${hits} hits over ${text.length} chars`, ratio: Number((scanTheirs / scanOurs).toFixed(2)) });
    emit({ bench: `wording-matcher-${name}-scan-vs-fast`, metric: 'chars_per_s', value: rate(scanOurs), unit: 'chars/s', vs: '@monyone/aho-corasick/fast', ratio: Number((scanFast / scanOurs).toFixed(2)) });
  }
}

function page50k(texts: string[]): void {
  const all = texts.join('\n');
  // Two different pages, alternated, so no rule ever sees the text it scanned last time.
  const pages = [0, 20_000].map((from) => {
    const paras = all.slice(from, from + 16_000).match(/[^\n]{1,300}/g) ?? [];
    const html = `<html><head><title>t</title></head><body><div class="content">${paras.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
    return createPage({ siteId: 'b', url: 'https://a.gov.cn/', fetchedAt: 't', contentType: 'html', source: html, origin: 'file' });
  });
  const bytes = Buffer.byteLength(pages[0]!.source);
  const parse = ms(() => {
    for (const p of pages) void createPage({ siteId: 'b', url: p.url, fetchedAt: 't', contentType: 'html', source: p.source, origin: 'file' }).text;
  }, 21) / 2;
  const rules = ms(() => {
    for (let i = 0; i < 50; i++) for (const c of wording) c.run(pages[i & 1]!, ctx);
  }, 11) / 50;
  emit({ bench: `wording-page-${Math.round(bytes / 1024)}KB`, metric: 'ms_per_page_rules', value: Number(rules.toFixed(3)), unit: 'ms', vs: `all ${wording.length} wording rules, visible text already derived (HTML to text: ${parse.toFixed(2)} ms, shared by every family)`, ratio: null });
}

function serious(s: Severity): boolean {
  return severityRank(s) <= severityRank('high');
}

function quality(texts: string[]): void {
  const run = (text: string) => {
    const page = createPage({ siteId: 'b', url: 'https://a.gov.cn/', fetchedAt: 't', contentType: 'text', source: text, origin: 'file' });
    return wording.flatMap((c) => {
      const r = c.run(page, ctx);
      return Array.isArray(r) ? r.map((s) => ({ ...s, severity: s.severity ?? c.meta.severity })) : [];
    });
  };
  let chars = 0;
  let alarms = 0;
  let unseenChars = 0;
  let unseenAny = 0;
  texts.forEach((t, i) => {
    const spans = run(t);
    chars += t.length;
    alarms += spans.filter((s) => serious(s.severity)).length;
    // The typo tier's generated sequences come from the even-numbered documents.
    if (i % 2 === 1) {
      unseenChars += t.length;
      unseenAny += spans.length;
    }
  });
  emit({ bench: 'wording-clean-corpus', metric: 'high_or_critical_per_100k_chars', value: Number(((alarms / chars) * 100_000).toFixed(3)), unit: 'per 100k chars', vs: `${alarms} on ${chars} chars of shared/corpus/gov-docs (budget 1)`, ratio: null });
  emit({ bench: 'wording-clean-corpus-any', metric: 'findings_per_100k_chars', value: Number(((unseenAny / unseenChars) * 100_000).toFixed(3)), unit: 'per 100k chars', vs: `${unseenAny} of any severity on ${unseenChars} chars of the odd-numbered documents, unseen by the generated sequences (budget 5)`, ratio: null });

  let lines: string[];
  try {
    lines = readFileSync(join(SHARED, 'odw', 'odw.train'), 'utf8').split('\n').filter(Boolean);
  } catch {
    return;
  }
  // Sentence-level detection (SIGHAN): a sentence with an error is detected when a span covers a
  // changed character; a clean sentence is a false alarm when any span is reported. The typo tier
  // was tuned on lines whose index mod 10 is below 7; the rest are its held-out measure.
  const parts = [
    ['heldout', (i: number) => i % 10 >= 7],
    ['tuned', (i: number) => i % 10 < 7],
  ] as const;
  for (const [part, inPart] of parts) {
    let tp = 0;
    let fp = 0;
    let errSentences = 0;
    let cleanChars = 0;
    let cleanAlarms = 0;
    let charTp = 0;
    let charFound = 0;
    let charErrors = 0;
    lines.forEach((line, index) => {
      const [label, src, tgt] = line.split('\t');
      if (!src || !tgt || !inPart(index)) return;
      const spans = run(src);
      const wrong = new Set<number>();
      if (src.length === tgt.length) for (let i = 0; i < src.length; i++) if (src[i] !== tgt[i]) wrong.add(i);
      charErrors += wrong.size;
      const covered = new Set<number>();
      for (const s of spans) for (let i = s.start!; i < s.end!; i++) covered.add(i);
      charFound += covered.size;
      for (const i of covered) if (wrong.has(i)) charTp++;
      if (label === '0') {
        cleanChars += src.length;
        if (spans.length) {
          fp++;
          cleanAlarms += spans.length;
        }
      } else {
        errSentences++;
        if ([...wrong].some((i) => covered.has(i))) tp++;
        else if (spans.length) fp++;
      }
    });
    const p = tp + fp ? tp / (tp + fp) : 0;
    const r = errSentences ? tp / errSentences : 0;
    emit({ bench: `wording-odw-sentences-${part}`, metric: 'detection_precision', value: Number(p.toFixed(3)), unit: '', vs: `recall ${r.toFixed(3)} (goal 0.30), F1 ${(p + r ? (2 * p * r) / (p + r) : 0).toFixed(3)}; ${tp} of ${errSentences} wrong sentences, ${fp} false (reference: rules+kenlm P≈0.69 R≈0.15)`, ratio: null });
    emit({ bench: `wording-odw-characters-${part}`, metric: 'detection_precision', value: Number((charFound ? charTp / charFound : 0).toFixed(3)), unit: '', vs: `recall ${(charErrors ? charTp / charErrors : 0).toFixed(3)} of ${charErrors} wrong characters`, ratio: null });
    emit({ bench: `wording-odw-clean-${part}`, metric: 'false_alarms_per_10k_chars', value: Number(((cleanAlarms / Math.max(1, cleanChars)) * 10_000).toFixed(3)), unit: 'per 10k chars', vs: `${cleanAlarms} on ${cleanChars} chars of label-0 sentences`, ratio: null });
  }
}

function lexiconBuild(): void {
  const t = process.hrtime.bigint();
  const f = wordFrequencies();
  const page = createPage({ siteId: 'b', url: 'https://a.gov.cn/', fetchedAt: 't', contentType: 'text', source: '全面提升政务服务效率。', origin: 'file' });
  for (const c of wording) c.run(page, ctx);
  const total = Number(process.hrtime.bigint() - t) / 1e6;
  const fromFile = readTypoTables() !== undefined;
  // Built again from the dictionary, as a process without the build's tables file would.
  const b = process.hrtime.bigint();
  buildTypoIndexes(buildWordFrequencies());
  const build = Number(process.hrtime.bigint() - b) / 1e6;
  emit({ bench: 'wording-lexicon-build', metric: 'ms', value: Number(total.toFixed(0)), unit: 'ms', vs: `first wording run of a process (${fromFile ? 'typo tables read from the build\'s file' : 'no tables file: built'}): jieba's ${f.wordCount} words, the typo tier's index and every list's automaton; the typo tables alone built from the dictionary ${build.toFixed(0)} ms (goal 1000)`, ratio: null });
}

const texts = corpus();
lexiconBuild();
matcher(texts.join('\n').slice(0, 1_000_000));
page50k(texts);
quality(texts);
