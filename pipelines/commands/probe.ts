/** `xunjian probe`: transport and availability of one site. */
import { selectChecks } from '../../checks/registry';
import { openStore, probe as probeSite, PROBE_CHECKS, UsageError } from '../jobs';
import type { Command } from './command';

export const probe: Command = {
  name: 'probe',
  synopsis: 'probe <url|site-id>',
  summary: 'transport and availability: headers grade, HTTPS, TLS, certificate, IPv6;\nstores one availability probe (schedule it ≥ 20 a day for the 19号 rule)',
  options: [],
  async run(e) {
    if (e.args.length !== 1) throw new UsageError('probe needs one URL or site id');
    const store = openStore(e.config);
    try {
      const r = await probeSite({ config: e.config, clock: e.clock, log: e.log, store }, e.args[0]!, e.checksChosen ? e.checks : selectChecks(PROBE_CHECKS));
      return await e.finish(r, false);
    } finally {
      store.close();
    }
  },
};
