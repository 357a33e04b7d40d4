/**
 * A one-line progress display on stderr when it is a terminal; silent otherwise (cron, CI, pipes),
 * where a log line per page would be noise.
 */
export class Progress {
  private last = 0;
  private readonly started = Date.now();
  private shown = false;

  constructor(
    private readonly enabled: boolean,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(parts: Record<string, number>): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const secs = (now - this.started) / 1000;
    const rate = parts['pages'] !== undefined && secs > 0 ? ` ${(parts['pages'] / secs).toFixed(1)} pages/s` : '';
    const text = Object.entries(parts).map(([k, v]) => `${k} ${v}`).join(' · ');
    this.stream.write(`\r\x1b[2K巡检 ${text}${rate} · ${secs.toFixed(0)}s`);
    this.shown = true;
  }

  done(): void {
    if (this.enabled && this.shown) this.stream.write('\r\x1b[2K');
  }
}
