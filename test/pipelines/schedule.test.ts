import { testStoreAddress } from '../helpers/test-store';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon } from '../../pipelines/daemon/schedule';
import { parseConfig, ConfigError } from '../../pipelines/config';
import { Store } from '../../pipelines/store/store';
import { silentLogger } from '../../pipelines/log';

function setup(cron: string) {
  const dir = mkdtempSync(join(tmpdir(), 'xj-daemon-'));
  const exp = join(dir, 'e.jsonl');
  writeFileSync(exp, '{"id":1,"text":"身份证 110105199003071239"}\n');
  const config = parseConfig(
    {
      store: testStoreAddress(join(dir, 'x.db')),
      sites: [{ id: 'a', name: 'A', urls: ['https://a.gov.cn/'] }],
      sinks: { f: { type: 'file', format: 'json', path: join(dir, 'out-{runId}.json') } },
      pipelines: [{ id: 'p', site: 'a', source: { export: exp }, cron, sinks: ['f'] }],
    },
    '(test)',
    {},
  );
  return { dir, config };
}

describe('daemon', () => {
  it('schedules without running when nothing is due, and records the next due time', async () => {
    const { config } = setup('0 2 * * *');
    const d = await startDaemon({ config, log: silentLogger, clock: { now: () => new Date() } });
    expect(d.scheduled).toEqual(['p (0 2 * * *)']);
    await d.catchUp;
    await d.stop();
    const s = Store.open(config.store);
    const due = s.scheduleDue('p')!;
    // 02:00 in Asia/Shanghai is 18:00 UTC.
    expect(new Date(due).getUTCHours()).toBe(18);
    expect(s.latestRun()).toBeUndefined();
    s.close();
  });
  it('catches up once at start when a run fell due while it was down', async () => {
    const { dir, config } = setup('0 2 * * *');
    const s = Store.open(config.store);
    s.setScheduleDue('p', '2026-01-01T18:00:00.000Z');
    s.close();
    const d = await startDaemon({ config, log: silentLogger, clock: { now: () => new Date() } });
    await d.catchUp;
    await d.stop();
    const s2 = Store.open(config.store);
    const run = s2.latestRun('a')!;
    expect(run.command).toBe('pipeline:p');
    expect(Date.parse(s2.scheduleDue('p')!)).toBeGreaterThan(Date.now());
    s2.close();
    const out = JSON.parse(readFileSync(join(dir, `out-${run.id}.json`), 'utf8'));
    expect(out.findings[0].rule).toBe('privacy.id-card');
  });
  it('rejects an invalid cron expression, naming the pipeline and the field', async () => {
    const { config } = setup('61 * * * *');
    await expect(startDaemon({ config, log: silentLogger, clock: { now: () => new Date() } })).rejects.toThrow(ConfigError);
    await expect(startDaemon({ config, log: silentLogger, clock: { now: () => new Date() } })).rejects.toThrow(/\/pipelines\/0\/cron: invalid cron expression "61 \* \* \* \*" \(.+\)/);
  });
});
