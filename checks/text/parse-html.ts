/**
 * htmlparser2's DOM, parsed in time linear in the nesting depth.
 *
 * htmlparser2 10 keeps its open-element stack innermost-first and maintains it with
 * `unshift`/`shift`, which move the whole array: a page of 100,000 nested `<div>` took 5.7 s to
 * parse, and each further parse of the page as long again (the fix is proposed upstream as
 * fb55/htmlparser2#2481, not released). Here the parser's stack is replaced by one that keeps the
 * same innermost-first interface over a push/pop array, with a count per name so a close tag
 * that matches nothing open is answered without a scan.
 */
import { Parser, type Handler, type ParserOptions } from 'htmlparser2';
import { DomHandler, type Document, type DomHandlerOptions } from 'domhandler';

/** The subset of the Array interface htmlparser2's Parser uses on its stacks, innermost first. */
class InnermostFirst<T> {
  private readonly items: T[] = [];
  private readonly counts = new Map<T, number>();

  get length(): number {
    return this.items.length;
  }
  set length(n: number) {
    // The parser only ever empties its stacks (on reset).
    if (n !== 0) throw new Error('InnermostFirst: only truncation to 0 is supported');
    this.items.length = 0;
    this.counts.clear();
  }
  get 0(): T | undefined {
    return this.items[this.items.length - 1];
  }
  unshift(x: T): number {
    this.items.push(x);
    this.counts.set(x, (this.counts.get(x) ?? 0) + 1);
    return this.items.length;
  }
  shift(): T | undefined {
    const x = this.items.pop();
    if (x !== undefined) {
      const c = this.counts.get(x)! - 1;
      if (c === 0) this.counts.delete(x);
      else this.counts.set(x, c);
    }
    return x;
  }
  indexOf(x: T): number {
    if (!this.counts.has(x)) return -1;
    for (let i = this.items.length - 1; i >= 0; i--) if (this.items[i] === x) return this.items.length - 1 - i;
    return -1;
  }
  /** Innermost first, as a plain array (what the parser indexes when it closes everything at the end). */
  toArray(): T[] {
    return [...this.items].reverse();
  }
}

type Stacks = { stack: InnermostFirst<string> | string[]; foreignContext: InnermostFirst<boolean> };

/** htmlparser2's Parser (streaming callbacks) with the linear stack; for XML parts and SAX-style reads. */
export class LinearParser extends Parser {
  constructor(handler: Partial<Handler>, options: ParserOptions) {
    super(handler, options);
    const self = this as unknown as Stacks;
    const foreign = new InnermostFirst<boolean>();
    foreign.unshift((self.foreignContext as unknown as boolean[])[0] ?? false);
    self.stack = new InnermostFirst<string>();
    self.foreignContext = foreign;
  }
  override onend(): void {
    // onend walks the stack by index; give it a real array for that one pass.
    const self = this as unknown as Stacks;
    const s = self.stack as InnermostFirst<string>;
    self.stack = s.toArray();
    super.onend();
    self.stack = s;
    s.length = 0;
  }
}

/** Same result as htmlparser2's `parseDocument`, without its quadratic cost on deep nesting. */
export function parseHtml(html: string, options: ParserOptions & DomHandlerOptions = {}): Document {
  const handler = new DomHandler(undefined, options);
  new LinearParser(handler, options).end(html);
  return handler.root;
}
