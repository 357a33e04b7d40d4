/** `xunjian demo`: the main job on the bundled sample site, no network and no config. */
import { runDemo } from '../demo/demo';
import { positiveInt } from './options';
import { untilSignal } from './signals';
import { str, type Command } from './command';

export const demo: Command = {
  name: 'demo',
  synopsis: 'demo',
  summary: 'serve the bundled sample site on loopback, scan it, write a report and the demo\'s config',
  options: [
    { name: 'serve', help: 'keep the sample site up after the scan (until Ctrl-C), to point scan, probe and check at it' },
    { name: 'port', arg: 'N', help: 'with --serve: the port (default: any free one)' },
  ],
  async run(e) {
    const serve = e.values['serve'] === true;
    const port = positiveInt('port', str(e.values, 'port')) ?? 0;
    const r = await runDemo({
      outDir: str(e.values, 'out') ?? 'xunjian-out', log: e.log, progress: e.progress, checks: e.checks,
      ...(serve ? { serve: { port, untilStopped: untilSignal, onServing: (text: string) => process.stdout.write(text) } } : {}),
    });
    e.progress.done();
    if (!serve) process.stdout.write(r.text);
    return r.status === 'failed' ? 2 : 0;
  },
};
