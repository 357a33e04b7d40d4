/**
 * Filing: 10,000 findings across 50 sites to a loopback GitLab-compatible tracker (issue 7: every
 * issue exactly once, in under 60 s), then the same scan again (must file nothing). Baseline: the
 * naive design, one tracker issue per finding, timed against the same server in the same run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { Store } from '../../pipelines/store/store';
import { startFakeGitlab } from '../helpers/fake-trackers';
import { fileSites, loadConfig, siteFindings } from '../helpers/filing-load';
import { emit } from './emit';

const SITES = 50;
const PER_SITE = 200;

async function main(): Promise<void> {
  const gl = await startFakeGitlab('load-token');
  const store = Store.open(join(mkdtempSync(join(tmpdir(), 'xj-bench-filing-')), 'x.db'));
  const config = loadConfig(gl.url, SITES);

  let t = performance.now();
  await fileSites(store, config, SITES, PER_SITE);
  const first = (performance.now() - t) / 1000;
  const markers = new Set(gl.issues.map((i) => /xunjian:issue=([0-9a-f]+)/.exec(i.description)?.[1]));
  const requests = gl.log.length;
  if (markers.size !== gl.issues.length || gl.issues.length !== SITES * 5) throw new Error(`filed ${gl.issues.length} issues, ${markers.size} distinct`);

  t = performance.now();
  await fileSites(store, config, SITES, PER_SITE);
  const again = (performance.now() - t) / 1000;
  const newWrites = gl.log.slice(requests).filter((r) => r.method !== 'GET').length;

  // Baseline: one issue per finding, created straight away (no lookup, no aggregation).
  const naive = await startFakeGitlab('load-token');
  t = performance.now();
  for (let s = 0; s < SITES; s++) {
    for (const f of siteFindings(s, PER_SITE)) {
      const r = await request(`${naive.url}/api/v4/projects/gov%2Fissues/issues`, {
        method: 'POST',
        headers: { 'private-token': 'load-token', 'content-type': 'application/json' },
        body: JSON.stringify({ title: f.title, description: `${f.url} ${f.match} <!-- ${f.id} -->`, labels: `xunjian,${f.duty}` }),
      });
      await r.body.text();
    }
  }
  const naiveSecs = (performance.now() - t) / 1000;

  emit({ bench: 'filing', metric: `10,000 findings / ${SITES} sites -> ${gl.issues.length} GitLab issues (${requests} requests), s`, value: +first.toFixed(2), unit: 's', vs: `one issue per finding (${naive.issues.length} issues), s = ${naiveSecs.toFixed(2)}`, ratio: +(naiveSecs / first).toFixed(2) });
  emit({ bench: 'filing', metric: 'same scan again: new tracker writes', value: newWrites, unit: 'requests', vs: `time ${again.toFixed(2)} s`, ratio: null });
  store.close();
  await gl.close();
  await naive.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
