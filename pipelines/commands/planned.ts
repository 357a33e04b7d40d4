/** Commands of the contract that this version does not have yet: they say so and exit 2. */
import { UsageError } from '../jobs';
import type { Command } from './command';

function planned(name: string, what: string): Command {
  return {
    name,
    synopsis: name,
    summary: `not available yet (planned: ${what})`,
    options: [],
    run: () => {
      throw new UsageError(`${name} is not available yet in this version`);
    },
  };
}

export const drill = planned('drill', 'emergency-drill reports');
