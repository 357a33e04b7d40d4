/**
 * The text privacy and secrecy patterns run on: the page's text with full-width digits and letters
 * folded (a number typed on a Chinese keyboard, or written so to slip past filters, is the same
 * number), offsets unchanged. Folded once per page for all the rules that read it.
 */
import type { Page } from '../types';
import { foldWideAlnum } from './normalize';
import { derivedOnce } from '../derived-once';

const MATCH_TEXT = Symbol('match text');

export function matchText(page: Page): string {
  return derivedOnce(page, MATCH_TEXT, () => foldWideAlnum(page.text.text));
}
