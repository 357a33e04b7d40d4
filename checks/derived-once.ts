/**
 * Facts several rules derive from one page or its DOM (its date sources, its resources, its text
 * folded for matching, its element list), computed once and kept on the object itself.
 *
 * Not in a WeakMap keyed by the page: V8's young-generation collector keeps a WeakMap's entries
 * alive until a full collection, so each page's derived facts — and, through them, its DOM — were
 * copied and promoted to the old generation, and collecting them was a quarter of a check thread's
 * time (a throwaway script: 200,000 short-lived keys with a 200-object value each, 1.41 s through a
 * WeakMap, 0.32 s as a property). The property is not enumerable: a page spread into a variant of
 * itself (`{ ...page, … }`) is a new page whose facts are derived anew, as a WeakMap's new key was.
 */
export function derivedOnce<T>(owner: object, key: symbol, make: () => T): T {
  const held = owner as { [k: symbol]: T };
  if (Object.prototype.hasOwnProperty.call(held, key)) return held[key]!;
  const value = make();
  Object.defineProperty(held, key, { value });
  return value;
}
