import { CommandSource } from '../../../pipelines/sources/command';
import type { SourceItem } from '../../../pipelines/sources/source';
import { FIXED_NOW } from '../../helpers/context';

const clock = { now: () => FIXED_NOW };
async function all(src: CommandSource): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const i of src.items()) out.push(i);
  return out;
}

describe('CommandSource', () => {
  it('reads the JSONL a CMS export command prints', async () => {
    const src = new CommandSource(`printf '%s\\n' '{"id":1,"text":"一"}' 'garbage' '{"id":2,"html":"<p>二</p>"}'`, 's', clock, 10);
    const items = await all(src);
    expect(items.map((i) => i.kind)).toEqual(['page', 'error', 'page']);
    expect(items[1]!.kind === 'error' && items[1]!.error.record).toBe(2);
    expect(src.complete()).toBe(true);
  });
  it('reports a failing command with the tail of its stderr', async () => {
    const items = await all(new CommandSource('echo "database locked" >&2; exit 3', 's', clock, 10));
    expect(items).toEqual([{ kind: 'error', error: expect.objectContaining({ code: 'command', message: expect.stringMatching(/exit code 3: database locked/) }) }]);
  });
  it('kills a command that runs past its timeout', async () => {
    const t = Date.now();
    const items = await all(new CommandSource('sleep 30', 's', clock, 1));
    expect(Date.now() - t).toBeLessThan(5000);
    expect(items[0]).toMatchObject({ kind: 'error', error: { code: 'command' } });
  });
});
