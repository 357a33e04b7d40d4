/**
 * Once the command is done the process ends within this long even if something is still pending
 * that nothing waits for: a read the system holds open for ever (an export FIFO nobody writes, left
 * by a run stopped for making no progress) would otherwise keep a stopped daemon alive.
 */
const EXIT_GRACE_MS = 5_000;

/**
 * Runs the CLI's command to the process's exit code. A command whose promise nothing will ever
 * settle (a bug: a scan of a small site once waited on requests its crawl had dropped) let the
 * process end when its event loop emptied, with exit code 0 and nothing written: to cron, a clean
 * run. Here that is said, and the exit code is 2 (a failed run, CONTRACT.md).
 */
export function runToExit(command: () => Promise<number>): void {
  let finished = false;
  const done = (code: number): void => {
    finished = true;
    process.exitCode = code;
    setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
  };
  command().then(done, (e) => {
    process.stderr.write(`xunjian: ${(e as Error).stack}\n`);
    done(2);
  });
  process.on('beforeExit', () => {
    if (finished) return;
    finished = true;
    process.stderr.write('xunjian: internal error: the command stopped before it finished (nothing was left for it to wait for); no result was written, so this run failed\n');
    process.exitCode = 2;
  });
}
