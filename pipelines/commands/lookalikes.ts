/** `xunjian lookalikes`: counterfeit-site candidates of a site, resolved, fetched, judged and filed. */
import { openStore, UsageError } from '../jobs';
import { forPeople } from '../../reports/for-people';
import { exitCodeFor } from '../exit-code';
import type { Command } from './command';
import { str } from './command';
import { positiveInt } from './options';
import { stopOnSignals } from './signals';

export const lookalikes: Command = {
  name: 'lookalikes',
  synopsis: 'lookalikes <site-id|domain> [--resolver HOST:PORT] [--candidates FILE]',
  summary: 'lookalike domains of a gov.cn site (suffix swaps, gov tokens, x.gov.cn.com, pinyin, typos) and listed\nones: resolved, fetched and judged counterfeit|suspicious|parked|unrelated|unresolved with reasons;\nfindings are stored and filed as issues for the security duty',
  options: [
    { name: 'resolver', arg: 'HOST:PORT', help: 'DNS server to resolve candidates with (config counterfeit.resolver; default the system resolver)' },
    { name: 'candidates', arg: 'FILE', help: 'more candidates, one domain per line (a certificate-transparency export, a report list)' },
    { name: 'port', arg: 'N', help: 'port to fetch candidates on (default 80)' },
  ],
  async run(e) {
    if (e.args.length !== 1) throw new UsageError('lookalikes needs one site id or domain');
    const store = openStore(e.config);
    const stop = stopOnSignals(() => process.stderr.write('\nxunjian: stopping the sweep; it is stored as partial\n'));
    try {
      const port = positiveInt('port', str(e.values, 'port'));
      const resolver = str(e.values, 'resolver');
      const candidatesFile = str(e.values, 'candidates');
      const { lookalikeSweep } = await import('../lookalikes/job');
      const { result, lookalikes: entries } = await lookalikeSweep(
        { config: e.config, clock: e.clock, log: e.log, store, signal: stop.signal },
        e.args[0]!,
        { ...(resolver ? { resolver } : {}), ...(candidatesFile ? { candidatesFile } : {}), ...(port ? { port } : {}), ...(e.checksChosen ? { checks: e.checks } : {}) },
      );
      const shown = forPeople(result);
      e.progress.done();
      if (e.format !== 'text') {
        process.stdout.write(JSON.stringify({ ...shown, site: result.sites[0]?.id, lookalikes: entries }, null, 2) + '\n');
      } else {
        const resolved = entries.filter((l) => l.verdict !== 'unresolved');
        process.stdout.write(`${entries.length} candidates for ${result.sites[0]?.id}; ${resolved.length} resolve; run ${result.summary.status}\n`);
        for (const l of resolved) process.stdout.write(`${l.verdict.padEnd(11)} ${l.score.toFixed(2)}  ${l.domain.padEnd(32)} ${l.addresses.join(',')}  ${l.reasons.join('; ')}\n`);
      }
      for (const err of shown.errors.slice(0, 20)) process.stderr.write(`xunjian: ${err.input}${err.record !== undefined ? `:${err.record}` : ''}: ${err.message}\n`);
      const code = entries.some((l) => l.verdict === 'counterfeit') ? 1 : exitCodeFor(result, e.failOn, false);
      return stop.exitCode() ?? code;
    } finally {
      stop.dispose();
      store.close();
    }
  },
};
