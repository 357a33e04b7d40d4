/** A folder of published files (static-site output, a CMS's html export). */
import type { Clock } from '../../checks/types';
import { readFileItems, urlFor, walk } from './files';
import type { Source, SourceItem } from './source';

export class DirSource implements Source {
  readonly description: string;
  private done = false;

  constructor(
    private readonly root: string,
    private readonly siteId: string,
    private readonly clock: Clock,
    private readonly baseUrl?: string,
  ) {
    this.description = `dir ${root}`;
  }

  complete(): boolean {
    return this.done;
  }

  async *items(): AsyncGenerator<SourceItem> {
    try {
      for await (const path of walk(this.root)) {
        yield* await readFileItems(path, urlFor(path, this.root, this.baseUrl), this.siteId, this.clock, 'dir');
      }
    } catch (e) {
      yield { kind: 'error', error: { input: this.root, code: 'unreadable', message: (e as Error).message } };
      return;
    }
    this.done = true;
  }
}
