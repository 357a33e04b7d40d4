/** `xunjian rules`: every rule with its metadata. */
import { CHECKS } from '../../checks/registry';
import type { Command } from './command';

export const rules: Command = {
  name: 'rules',
  synopsis: 'rules',
  summary: 'list every rule: id, severity, duty, basis',
  options: [],
  run(e) {
    if (e.format === 'json') process.stdout.write(JSON.stringify(CHECKS.map((c) => c.meta), null, 2) + '\n');
    else {
      for (const c of CHECKS) {
        process.stdout.write(`${c.meta.id.padEnd(22)} ${c.meta.severity.padEnd(8)} ${c.meta.duty.padEnd(10)} ${c.meta.title}\n${' '.repeat(23)}basis: ${c.meta.basis}\n`);
      }
    }
    return 0;
  },
};
