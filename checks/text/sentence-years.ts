/**
 * The years a sentence names (2015年, 〔2002〕, 2013—2018): what tells an account of the past (2013年，
 * 李克强总理视察…; 国家计委计价格〔2002〕1980号) from a statement about the day a page is dated.
 */
const SENTENCE_END = /[。！？；!?;\n]/u;
const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/gu;

/** Years named in the sentence around [start, end). */
export function sentenceYears(text: string, start: number, end: number): number[] {
  let a = start;
  while (a > 0 && !SENTENCE_END.test(text[a - 1]!)) a--;
  let b = end;
  while (b < text.length && !SENTENCE_END.test(text[b]!)) b++;
  return [...text.slice(a, b).matchAll(YEAR)].map((m) => Number(m[0]));
}
