/**
 * A CMS's own export command (e.g. `php artisan cms:export --since=yesterday`), run with zx:
 * a timeout, stdout captured and read as a JSONL (or JSON) export, stderr kept for the error.
 */
import { $ } from 'zx';
import type { Clock } from '../../checks/types';
import { ExportSource } from './export';
import type { Source, SourceItem } from './source';

export class CommandSource implements Source {
  readonly description: string;
  private inner: ExportSource | undefined;

  constructor(
    private readonly command: string,
    private readonly siteId: string,
    private readonly clock: Clock,
    private readonly timeoutSec: number,
  ) {
    this.description = `command ${command}`;
  }

  complete(): boolean {
    return this.inner?.complete() ?? false;
  }

  async *items(): AsyncGenerator<SourceItem> {
    const out = await $({ quiet: true, nothrow: true, timeout: `${this.timeoutSec}s` })`sh -c ${this.command}`;
    if (out.exitCode !== 0) {
      const why = out.signal ? `killed by ${out.signal} (timeout ${this.timeoutSec}s?)` : `exit code ${out.exitCode}`;
      const stderr = out.stderr.trim().split('\n').slice(-5).join(' | ');
      yield { kind: 'error', error: { input: this.command, code: 'command', message: `${why}${stderr ? `: ${stderr}` : ''}` } };
      return;
    }
    this.inner = new ExportSource(`${this.command} (stdout)`, this.siteId, this.clock, out.stdout);
    yield* this.inner.items();
  }
}
