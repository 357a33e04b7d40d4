/**
 * `xunjian ingest` of a 100,000-record CMS export with every check, end to end (the built CLI, a
 * fresh store each time): on the run's own thread alone (XUNJIAN_CHECK_THREADS=0, the single-thread
 * figure), with the default check threads (one fewer than the cores, the run's thread checking too),
 * and with one more than that; records/s, CPU time over wall time, and peak RSS. Beside them, the
 * machine's own ceiling: two single-thread ingests of the same export at once, as records/s of the
 * two together — what two fully independent processes get from these cores. The records are
 * article pages of about 4 KB with dates, names, numbers and a few planted problems, so every
 * family does real work. `BENCH_RECORDS` changes the size.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { emit } from './emit';

const RECORDS = Number(process.env['BENCH_RECORDS'] ?? 100_000);
const ROOT = join(__dirname, '..', '..', '..');

const PARAGRAPHS = [
  '为深入贯彻落实党中央、国务院决策部署，进一步提升政务公开工作质量，现就有关事项通知如下。',
  '各区县人民政府、市政府各部门要高度重视，压实主体责任，细化工作措施，确保各项任务落到实处。',
  '市发展改革委、市财政局要加强统筹协调，做好资金保障，及时研究解决工作推进中的困难和问题。',
  '各单位要于每月5日前报送上月工作进展情况，联系电话：0771-5555555，邮箱：zwgk@example.gov.cn。',
];

function record(i: number): string {
  const day = String((i % 28) + 1).padStart(2, '0');
  const body = Array.from({ length: 8 }, (_, k) => `<p>${PARAGRAPHS[(i + k) % PARAGRAPHS.length]}</p>`).join('');
  const planted = i % 50 === 0 ? '<p>申请人：张三，身份证号码：110105199003071239。</p>' : i % 70 === 0 ? '<p>要坚决做到“两个维获”。</p>' : '';
  return JSON.stringify({
    id: i, url: `https://www.example.gov.cn/zwgk/${i}.html`, title: `关于做好第${i}项重点工作的通知`, column: '通知公告',
    publishedAt: `2026-11-${day} 09:00:00`, html: `<h1>关于做好第${i}项重点工作的通知</h1><p>发布时间：2026-11-${day}</p>${body}${planted}`,
  });
}

async function writeExport(file: string): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < RECORDS; i++) if (!out.write(record(i) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(r));
}

interface Ingested { seconds: number; cpu: number; peakMb: number; pages: number; findings: number }

function ingest(file: string, threads: number): Promise<Ingested> {
  const work = mkdtempSync(join(tmpdir(), 'xj-ingest-bench-'));
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    // GNU time reports the child's CPU and peak RSS; the CLI's own JSON says what it read.
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', process.execPath, join(ROOT, 'dist', 'pipelines', 'cli.js'), 'ingest', file, '--format', 'json', '--fail-on', 'none'], {
      cwd: work, env: { ...process.env, XUNJIAN_CHECK_THREADS: String(threads) }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', () => {
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      const [user, sys, kb] = stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
      const out = JSON.parse(stdout) as { summary: { pages: number; findings: number } };
      resolve({ seconds, cpu: user! + sys!, peakMb: kb! / 1024, pages: out.summary.pages, findings: out.summary.findings });
    });
  });
}

async function main(): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'xj-ingest-export-')), 'export.jsonl');
  await writeExport(file);
  const bench = `ingest-${RECORDS}`;
  const cores = availableParallelism();
  let base = 0;
  let findings: number | undefined;
  const report = (vs: string, r: Ingested, records: number): void => {
    const rate = records / r.seconds;
    emit({ bench, metric: 'records_per_s', value: Math.round(rate), unit: 'records/s', vs, ratio: base ? Number((rate / base).toFixed(2)) : null });
    emit({ bench, metric: 'cpu_over_wall', value: Number((r.cpu / r.seconds).toFixed(2)), unit: 'cores busy', vs, ratio: null });
    emit({ bench, metric: 'peak_rss', value: Math.round(r.peakMb), unit: 'MB', vs, ratio: null });
  };
  for (const threads of [0, cores - 1, cores]) {
    const r = await ingest(file, threads);
    if (r.pages !== RECORDS) throw new Error(`${threads} threads: read ${r.pages} of ${RECORDS}`);
    if (findings !== undefined && r.findings !== findings) throw new Error(`${threads} threads found ${r.findings}, one thread ${findings}`);
    findings = r.findings;
    const vs = threads === 0 ? 'every check on the run thread (single-thread)' : `${threads} check thread(s) beside the run thread${threads === cores - 1 ? ' (the default)' : ''}`;
    report(vs, r, RECORDS);
    if (threads === 0) base = RECORDS / r.seconds;
  }
  // The ceiling: two single-thread processes at once, each on its own store.
  const both = await Promise.all([ingest(file, 0), ingest(file, 0)]);
  const seconds = Math.max(...both.map((r) => r.seconds));
  report('two single-thread ingests at once (the cores\' ceiling)', { seconds, cpu: both[0]!.cpu + both[1]!.cpu, peakMb: Math.max(...both.map((r) => r.peakMb)), pages: RECORDS * 2, findings: 0 }, RECORDS * 2);
}

void main();
