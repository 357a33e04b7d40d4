/**
 * About how many characters a reader sees in a small page, without building its DOM: scripts,
 * styles, comments, noscript and the title out, tags and whitespace dropped, each entity one space.
 * Enough to tell a page with content from a stub or a challenge, which show next to nothing.
 */
export function visibleLength(html: string): number {
  return html
    .replace(/<script\b[\s\S]*?<\/script\s*>|<style\b[\s\S]*?<\/style\s*>|<!--[\s\S]*?-->|<noscript\b[\s\S]*?<\/noscript\s*>|<title\b[\s\S]*?<\/title\s*>/gi, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, '').length;
}
