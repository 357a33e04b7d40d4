/**
 * Real PostgreSQL and Redis servers for the tests, from Debian's packages, on loopback ports the
 * test picks, in a temporary folder, stopped and removed by the test. PostgreSQL will not run as
 * root, so under root (CI) it runs as the `postgres` user the package creates.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', name))).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length) throw new Error(`PostgreSQL's ${name} is not installed: apt-get install -y postgresql (see .ci/run)`);
  return join(root, versions[0]!, 'bin', name);
}

function asPostgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

async function waitFor(what: string, child: ChildProcess, ok: () => Promise<boolean>, log: () => string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}: ${log()}`);
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start in ${ms / 1000} s: ${log()}`);
}

function answers(port: number, hello?: string, expect?: RegExp): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    let data = '';
    const done = (v: boolean) => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(1000, () => done(false));
    s.once('error', () => done(false));
    s.connect(port, '127.0.0.1', () => {
      if (!hello) return done(true);
      s.write(hello);
    });
    s.on('data', (d) => {
      data += d.toString();
      if (expect?.test(data)) done(true);
    });
  });
}

/** Rows of one query, on a connection of its own (what a test reads back from a shared store). */
export async function pgRows<T>(url: string, sql: string): Promise<T[]> {
  const { Client } = await import('pg');
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

export interface PostgresServer {
  /** The maintenance database's URL (user xunjian, no password: trust on loopback). */
  url: string;
  port: number;
  /** A fresh, empty database; its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
  /** Down (a clean stop), data kept for start(). */
  halt(): Promise<void>;
  start(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'xj-pg-'));
  const owner = asPostgresUser();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const opts = owner ? { uid: owner.uid, gid: owner.gid } : {};
  execFileSync(pgBin('initdb'), ['-D', data, '-A', 'trust', '-U', 'xunjian', '-E', 'UTF8', '--locale=C', '--no-sync'], { ...opts, stdio: 'pipe', cwd: dir });
  const port = await freePort();
  let child: ChildProcess | undefined;
  let log = '';
  const start = async (): Promise<void> => {
    log = '';
    const c = spawn(pgBin('postgres'), ['-D', data, '-k', dir, '-p', String(port), '-h', '127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'], { ...opts, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout?.on('data', (d) => (log += d));
    c.stderr?.on('data', (d) => (log += d));
    child = c;
    await waitFor('postgres', c, async () => /ready to accept connections/.test(log) && (await answers(port)), () => log.slice(-2000));
  };
  const stopWith = async (signal: NodeJS.Signals): Promise<void> => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(signal);
    await exited;
  };
  await start();
  const url = `postgres://xunjian@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    async createDatabase(name: string): Promise<string> {
      const { Client } = await import('pg');
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name}`);
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      return `postgres://xunjian@127.0.0.1:${port}/${name}`;
    },
    start,
    halt: () => stopWith('SIGINT'),
    async stop() {
      await stopWith('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Down (an outage), data kept for start(). */
  halt(): Promise<void>;
  start(): Promise<void>;
}

/** `persistent`: an append-only file synced on every write, so a killed Redis restarts with its data (as a production Redis is set up). */
export async function startRedis(o: { persistent?: boolean } = {}): Promise<RedisServer> {
  const bin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((b) => existsSync(b));
  if (!bin) throw new Error('redis-server is not installed: apt-get install -y redis-server (see .ci/run)');
  const dir = mkdtempSync(join(tmpdir(), 'xj-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    let log = '';
    const c = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...(o.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']), '--dir', dir, '--maxmemory-policy', 'noeviction'], { stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout?.on('data', (d) => (log += d));
    c.stderr?.on('data', (d) => (log += d));
    child = c;
    await waitFor('redis-server', c, () => answers(port, 'PING\r\n', /PONG/), () => log.slice(-2000));
  };
  const stop = async (): Promise<void> => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    halt: stop,
    async stop() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  /** What it wrote to stderr (info-level logs). */
  log(): string;
  exited: Promise<number | null>;
  /** Resolves once it has started crawling a site (to stop or kill it mid-run). */
  crawling(): Promise<void>;
}

/** `xunjian worker --drain …` as a process of its own, logging at info; `cli` is how to start the CLI. */
export function startWorkerProcess(cli: string[], cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): WorkerProcess {
  const child = spawn(cli[0]!, [...cli.slice(1), 'worker', '--drain', ...args], { cwd, env: { ...process.env, XUNJIAN_LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d) => (log = (log + d).slice(-500_000)));
  return {
    child,
    log: () => log,
    exited: new Promise((r) => child.on('exit', (code) => r(code))),
    async crawling() {
      const until = Date.now() + 60_000;
      while (!/"crawling"/.test(log) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
