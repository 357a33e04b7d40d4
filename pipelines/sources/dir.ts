/** A folder of published files (static-site output, a CMS's html export). */
import type { Clock } from '../../checks/types';
import { readFileItems, urlFor, walk } from './files';
import type { Source, SourceItem } from './source';

export class DirSource implements Source {
  readonly description: string;
  private done = false;
  private unreadable = false;

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

  /** The folder could not be read at all (unmounted or removed since it was named): a failed run. */
  unread(): boolean {
    return this.unreadable;
  }

  async *items(): AsyncGenerator<SourceItem> {
    let files = 0;
    try {
      for await (const path of walk(this.root)) {
        files++;
        yield* await readFileItems(path, urlFor(path, this.root, this.baseUrl), this.siteId, this.clock, 'dir');
      }
    } catch (e) {
      this.unreadable = files === 0;
      yield { kind: 'error', error: { input: this.root, code: 'unreadable', message: (e as Error).message } };
      return;
    }
    // An unmounted share or a failed static build leaves an empty folder: nothing read is not a clean site.
    if (!files) {
      yield { kind: 'error', error: { input: this.root, code: 'empty', message: 'the folder holds no files; nothing was checked' } };
      return;
    }
    this.done = true;
  }
}
