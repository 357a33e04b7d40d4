/** A text's UTF-16 codes and a Han mask, for the rules that walk a page character by character. */
export interface TextCodes {
  codes: Uint16Array;
  isHanAt: Uint8Array;
}

export function textCodes(text: string): TextCodes {
  const n = text.length;
  const codes = new Uint16Array(n);
  const isHanAt = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    codes[i] = c;
    isHanAt[i] = c >= 0x4e00 && c <= 0x9fff ? 1 : 0;
  }
  return { codes, isHanAt };
}
