/**
 * A string that holds only its own characters. V8 makes a substring of a long string (a title read
 * from the DOM, an attribute matched in the HTML) a view into its parent, so keeping the title of
 * each of a run's pages kept every page's whole HTML alive: 5,000 pages of 100 KB would be 500 MB.
 * Whatever a run keeps past its page passes through here.
 */
export function ownCopy(s: string): string {
  // Short substrings are copied by V8 anyway; a longer one is joined to a character and cut again,
  // which flattens it into a new string of its own.
  return s.length < 13 ? s : (' ' + s).slice(1);
}
