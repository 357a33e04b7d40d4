/**
 * The user's wordlists from the config (`wording.wordlists`, `wording.allow`), compiled once per
 * configuration. A broken list is reported with its file and entries and left out; the other
 * lists and the built-in ones still run, so one typo in a list does not switch the rules off.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Logger, UserWordlists } from '../checks/types';
import { compileWordlist, WordlistError, type CompiledWordlist } from '../checks/text/wordlist';
import { checkById } from '../checks/registry';
import type { Config } from './config';
import type { InputError } from './sources/source';

export function loadUserWordlists(files: readonly string[], allow: readonly string[], baseDir: string): { wordlists: UserWordlists; problems: InputError[] } {
  const lists: CompiledWordlist[] = [];
  const problems: InputError[] = [];
  const problem = (input: string, message: string): void => void problems.push({ input, code: 'wordlist', message });
  for (const f of files) {
    const path = resolve(baseDir, f);
    try {
      const list = compileWordlist(JSON.parse(readFileSync(path, 'utf8')) as unknown, path);
      const rule = checkById(list.rule);
      if (!rule || rule.meta.family !== 'wording') {
        problem(path, `meta.rule "${list.rule}" is not a wording rule (see \`xunjian rules\`)`);
        continue;
      }
      lists.push(list);
    } catch (e) {
      problem(path, e instanceof WordlistError ? `invalid wordlist\n  ${e.problems.join('\n  ')}` : (e as Error).message);
    }
  }
  return { wordlists: { lists, allow: [...allow] }, problems };
}

export interface WordingOptions {
  wordlists: UserWordlists;
  /** One per list left out, reported with every run so a broken list is never silently ignored. */
  setupErrors: InputError[];
}

const loaded = new WeakMap<Config, WordingOptions>();

/** Compiled once per loaded configuration. */
export function wordingOptions(config: Config, log: Logger): WordingOptions {
  let w = loaded.get(config);
  if (!w) {
    const baseDir = config.file === '(defaults)' ? process.cwd() : dirname(config.file);
    const { wordlists, problems: setupErrors } = loadUserWordlists(config.wording?.wordlists ?? [], config.wording?.allow ?? [], baseDir);
    for (const e of setupErrors) log.error({ input: e.input }, 'wordlist not loaded');
    loaded.set(config, (w = { wordlists, setupErrors }));
  }
  return w;
}
