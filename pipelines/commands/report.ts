/** `xunjian report`: render a stored run. */
import { openStore, UsageError } from '../jobs';
import { reportFromStore } from '../report-from-store';
import { positiveInt } from './options';
import { str, type Command } from './command';

export const report: Command = {
  name: 'report',
  synopsis: 'report',
  summary: 'render a stored run (--run N, default the latest)',
  options: [{ name: 'run', arg: 'N', help: 'the run to render (default: the latest finished one)' }],
  run(e) {
    const store = openStore(e.config);
    try {
      const n = positiveInt('run', str(e.values, 'run'));
      const r = reportFromStore(store, n);
      if (!r) throw new UsageError(n ? `no run ${n} in ${e.config.store}` : `no finished run in ${e.config.store}${e.config.file === '(defaults)' ? ' (no config file was found, so this is the default store; `xunjian demo` keeps its own, named in its output)' : ''}`);
      return e.finish(r, false);
    } finally {
      store.close();
    }
  },
};
