import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../../pipelines/store/store';
import { outboxEntries } from '../../../pipelines/store/outbox';
import { startFakeGitlab, type FakeServer } from '../../helpers/fake-trackers';

const SITES = 8;
const PER_SITE = 40;
const ISSUES = SITES * 5;

function worker(store: string, url: string): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, ['-r', join(__dirname, '../../helpers/ts-register.js'), join(__dirname, '../../helpers/file-sites-worker.ts'), store, url, String(SITES), String(PER_SITE)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<number | null>((res) => child.on('exit', (code) => {
    if (code) process.stderr.write(err);
    res(code);
  }));
  return { child, done };
}

describe('filing exactly once', () => {
  let gl: FakeServer;
  beforeEach(async () => {
    gl = await startFakeGitlab('load-token');
  });
  afterEach(() => gl.close());

  it('a process killed mid-way and run again loses nothing and duplicates nothing; a third run files nothing', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'xj-once-')), 'x.db');
    const first = worker(store, gl.url);
    // Kill it the moment the tracker has stored an issue but before the answer reaches it.
    gl.onCreate = (issue) => {
      if (issue.iid === 13) first.child.kill('SIGKILL');
    };
    expect(await first.done).toBeNull();
    expect(gl.issues.length).toBe(13);
    gl.onCreate = () => undefined;

    const second = worker(store, gl.url);
    expect(await second.done).toBe(0);
    const markers = gl.issues.map((i) => /xunjian:issue=([0-9a-f]+)/.exec(i.description)![1]);
    expect(new Set(markers).size).toBe(ISSUES);
    expect(gl.issues).toHaveLength(ISSUES);
    for (const i of gl.issues) expect((i.description.match(/\| 待整改 \|/g) ?? []).length).toBe(PER_SITE / 5);

    const posts = gl.log.filter((r) => r.method !== 'GET').length;
    const third = worker(store, gl.url);
    expect(await third.done).toBe(0);
    expect(gl.log.filter((r) => r.method !== 'GET').length).toBe(posts);
    const s = Store.open(store);
    expect(outboxEntries(s)).toEqual([]);
    s.close();
  }, 60_000);
});
