/**
 * A pattern for an opening tag named `name`, up to its real end: a quoted value may hold `>` and
 * `<`, and an unquoted `<` ends the search. The usual `<meta\b[^>]*>` runs from every start to the
 * next `>`, so on a page that never closes its tags each start reads the rest of the page: 50,000
 * unclosed `<time ` took a page's date sources 14 s, as many `<script ` 21 s.
 */
export function tagPattern(name: string): RegExp {
  return new RegExp(`<${name}\\b(?:[^<>"']|"[^"]*"|'[^']*')*>`, 'gi');
}

/**
 * Each element named `name` whose content is text to its end tag (a script, a title): its opening
 * tag and that text, which ends at the first closing tag after it, as a browser reads it (the text
 * is not searched for tags). One that never closes ends the search instead of being looked for
 * again from every later start: `<script\b[^>]*>([\s\S]*?)<\/script>` read 50,000 unclosed
 * `<script ` in 18 s, and the soft-404 test's title reader 50,000 `<title ` in 20 s.
 */
export function* textElements(html: string, name: string): Generator<{ tag: string; text: string }> {
  const open = tagPattern(name);
  const close = new RegExp(`</${name}\\s*>`, 'gi');
  for (let m = open.exec(html); m; m = open.exec(html)) {
    close.lastIndex = m.index + m[0].length;
    const end = close.exec(html);
    if (!end) return;
    yield { tag: m[0], text: html.slice(m.index + m[0].length, end.index) };
    open.lastIndex = end.index + end[0].length;
  }
}

/** The text of the first element named `name` that closes (a page's `<title>`). */
export function firstText(html: string, name: string): string | undefined {
  for (const e of textElements(html, name)) return e.text;
  return undefined;
}
