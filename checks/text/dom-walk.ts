/**
 * Document-order walks over a parsed DOM with an explicit stack.
 *
 * A hostile page nests 100,000 elements; a recursive walk overflows the call stack at a few
 * thousand and takes the whole check (and before, the process) with it. Every DOM walk in the
 * checks goes through here so the depth of a page never matters.
 */
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { derivedOnce } from '../derived-once';

/**
 * A whole document's elements, listed once: a page's rules walk it a dozen times (tamper, mixed
 * content, privacy in URLs, dates), and a parsed page is never changed afterwards.
 */
const DOCUMENT_ELEMENTS = Symbol('document elements');

/** Elements only (tags, scripts, styles), in document order. */
export function elements(root: ParentNode): Iterable<Element> {
  return root.type === 'root' ? derivedOnce(root, DOCUMENT_ELEMENTS, (): readonly Element[] => [...walk(root)]) : walk(root);
}

function* walk(root: ParentNode): Generator<Element> {
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'tag' || n.type === 'script' || n.type === 'style' || n.type === 'root') {
      if (n.type !== 'root') yield n as Element;
      const kids = (n as ParentNode).children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
}

/** The first element named `name`, in document order. */
export function findFirst(root: ParentNode, name: string): Element | undefined {
  for (const el of elements(root)) if (el.name === name) return el;
  return undefined;
}

/** The concatenated text nodes under `el` (what `textContent` gives, scripts included). */
export function textOf(el: ParentNode): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [...el.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') parts.push(n.data);
    else if ('children' in n) {
      const kids = (n as ParentNode).children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return parts.join('');
}
