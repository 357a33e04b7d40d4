/**
 * A wording rule whose knowledge is entirely a terms list: the check is its metadata plus "take
 * this rule's hits from the shared scan". The lists say what, where it comes from and when not.
 */
import type { CheckMeta, PageCheck, Span } from '../types';
import { lexiconFor } from './lexicon';

export function listRule(meta: CheckMeta): PageCheck {
  return {
    kind: 'page',
    meta,
    run(page, ctx): Span[] {
      return lexiconFor(ctx.wordlists).spans(page.text.text, meta.id);
    },
  };
}
