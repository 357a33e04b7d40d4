/** `xunjian lookalikes`: counterfeit-site candidates of a site, resolved, fetched and judged. */
import { readFileSync } from 'node:fs';
import { UsageError, resolveSite } from '../jobs';
import { inventoryOf } from '../inventory';
import { sweep } from '../lookalikes/sweep';
import { forPeopleFindings } from '../../reports/for-people';
import type { Command } from './command';
import { str } from './command';

export const lookalikes: Command = {
  name: 'lookalikes',
  synopsis: 'lookalikes <site-id|domain> [--resolver HOST:PORT] [--candidates FILE]',
  summary: 'lookalike domains of a gov.cn site (suffix swaps, gov tokens, x.gov.cn.com, typos) and listed\nones: resolved, fetched and judged counterfeit|suspicious|parked|unrelated|unresolved with reasons',
  options: [
    { name: 'resolver', arg: 'HOST:PORT', help: 'DNS server to resolve candidates with (config counterfeit.resolver; default the system resolver)' },
    { name: 'candidates', arg: 'FILE', help: 'more candidates, one domain per line (a certificate-transparency export, a report list)' },
    { name: 'port', arg: 'N', help: 'port to fetch candidates on (default 80)' },
  ],
  async run(e) {
    if (e.args.length !== 1) throw new UsageError('lookalikes needs one site id or domain');
    const target = e.args[0]!;
    const { site } = resolveSite(e.config, /^[a-z0-9.-]+$/i.test(target) && target.includes('.') ? `http://${target}/` : target);
    const hosts = site.urls.map((u) => new URL(u).hostname);
    const extra: string[] = [];
    const problems: string[] = [];
    const file = str(e.values, 'candidates');
    if (file) {
      readFileSync(file, 'utf8').split('\n').forEach((raw, i) => {
        const line = raw.trim().replace(/^\*\./, '');
        if (!line || line.startsWith('#')) return;
        if (/^[^\s/]+\.[^\s/]+$/.test(line)) extra.push(line.toLowerCase());
        else problems.push(`${file}:${i + 1}: not a domain name: ${line.slice(0, 80)}`);
      });
    }
    const port = str(e.values, 'port');
    const resolver = str(e.values, 'resolver') ?? e.config.counterfeit.resolver;
    const r = await sweep(hosts, {
      ctx: { clock: e.clock, log: e.log, firstSeen: () => undefined, inventory: inventoryOf(e.config, site) },
      maxCandidates: e.config.counterfeit.maxCandidates,
      extra,
      ...(resolver ? { resolver } : {}),
      ...(port ? { port: Number(port) } : {}),
    });
    for (const p of problems) process.stderr.write(`xunjian: ${p}\n`);
    if (e.format !== 'text') {
      process.stdout.write(JSON.stringify({ site: site.id, lookalikes: r.lookalikes, findings: forPeopleFindings(r.findings), errors: problems }, null, 2) + '\n');
    } else {
      const shown = r.lookalikes.filter((l) => l.verdict !== 'unresolved');
      process.stdout.write(`${r.lookalikes.length} candidates for ${site.id}; ${shown.length} resolve\n`);
      for (const l of shown) process.stdout.write(`${l.verdict.padEnd(11)} ${l.score.toFixed(2)}  ${l.domain.padEnd(32)} ${l.addresses.join(',')}  ${l.reasons.join('; ')}\n`);
    }
    return r.lookalikes.some((l) => l.verdict === 'counterfeit') ? 1 : 0;
  },
};
