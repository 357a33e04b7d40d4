/**
 * The word frequencies the typo tier reads: jieba's dictionary (the one `@node-rs/jieba` ships,
 * MIT: 349,000 words with frequencies) and the sequences government text uses often (generated
 * from the clean corpus). Read from disk once per process, on first use, so a command that runs no
 * wording rule never pays the 0.3 s.
 */
import { readFileSync } from 'node:fs';
import { WordFrequencies, type SharedWordFrequencies } from '../checks/text/word-freq';
import sequences from '../wordlists/generated/gov-sequences.json';
import { buildTypoIndexes } from '../checks/wording/typo';
import { adoptCandidateIndexes, sharedCandidateIndexes, type SharedCandidateIndex } from '../checks/wording/candidate-index';
import { readTypoTables } from './typo-tables-file';

let loaded: WordFrequencies | undefined;

export function wordFrequencies(): WordFrequencies {
  if (loaded) return loaded;
  // The tables as the build wrote them (typo-tables-file.ts), when built from what this process would build them from.
  const stored = readTypoTables();
  if (stored) {
    adoptTypoTables(stored);
    return loaded!;
  }
  return (loaded = buildWordFrequencies());
}

/** Reads jieba's dictionary and the generated sequences into new tables. */
export function buildWordFrequencies(): WordFrequencies {
  const f = new WordFrequencies();
  const dict = readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8');
  let at = 0;
  while (at < dict.length) {
    let end = dict.indexOf('\n', at);
    if (end < 0) end = dict.length;
    const sp = dict.indexOf(' ', at);
    if (sp > at && sp < end && sp - at <= 4) {
      const sp2 = dict.indexOf(' ', sp + 1);
      f.add(dict.slice(at, sp), Number(dict.slice(sp + 1, sp2 > sp && sp2 < end ? sp2 : end)));
    }
    at = end + 1;
  }
  f.addUsual(sequences.bigrams, 2);
  f.addUsual(sequences.trigrams, 3);
  return f;
}

/** What the typo tier reads, in shared memory: the frequencies and the candidate indexes built over them. */
export interface SharedTypoTables {
  words: SharedWordFrequencies;
  candidates: Record<string, SharedCandidateIndex>;
}

/** This thread's tables, for its check threads (built now if no page has needed them yet). */
export function sharedTypoTables(): SharedTypoTables {
  const f = wordFrequencies();
  buildTypoIndexes(f);
  return { words: f.shared(), candidates: sharedCandidateIndexes(f) };
}

/** A check thread's: the tables its run thread built, read in place, not built again. */
export function adoptTypoTables(tables: SharedTypoTables): void {
  loaded = WordFrequencies.fromShared(tables.words);
  adoptCandidateIndexes(tables.candidates);
}
