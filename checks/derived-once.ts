/**
 * Facts several rules derive from one page or its DOM (its date sources, its resources, its text
 * folded for matching, its element list), computed once and kept on the object itself.
 *
 * Not in a WeakMap keyed by the page: a WeakMap's entries for short-lived keys cost V8's collector
 * several times what the same values cost as properties (a throwaway script: 200,000 short-lived
 * keys with a 200-object value each, 1.41 s through a WeakMap, 0.32 s as a property), and a page
 * and its facts are short-lived by the thousand. The property is not enumerable: a page spread into
 * a variant of itself (`{ ...page, … }`) is a new page whose facts are derived anew, as a WeakMap's
 * new key was.
 */
export function derivedOnce<T>(owner: object, key: symbol, make: () => T): T {
  const held = owner as { [k: symbol]: T };
  if (Object.prototype.hasOwnProperty.call(held, key)) return held[key]!;
  const value = make();
  Object.defineProperty(held, key, { value });
  return value;
}
