/**
 * Loopback servers that speak the parts of the GitLab v4, Gitea v1 and chat-robot APIs xunjian
 * uses, written from the API documentation (pipeline.md §3.4, §3.5, §4): authentication, the
 * request shapes, label ids (Gitea), `errcode`/`code` answers on HTTP 200 and the signature rules.
 * A `fault` hook lets a test make the next request fail, stall or answer nonsense.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = { status: number; headers?: Record<string, string>; body?: string } | 'hang' | 'reset' | undefined;

export interface FakeIssue {
  iid: number;
  title: string;
  description: string;
  state: 'opened' | 'closed' | 'open';
  labels: string[];
  assignees: unknown[];
  due?: string;
  notes: { id: number; body: string }[];
}

export interface FakeServer {
  url: string;
  issues: FakeIssue[];
  /** Every request: method, path, body. */
  log: { method: string; path: string; body: unknown }[];
  /** Called before each request is served; return a fault to inject it. */
  fault: (method: string, path: string) => Fault;
  /** Called after a create was stored, before the answer: a test may kill its client here. */
  onCreate: (issue: FakeIssue) => Promise<void> | void;
  /** Headers added to every answer (rate-limit headers). */
  headers: () => Record<string, string>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

type Route = (req: IncomingMessage, url: URL, body: unknown, res: ServerResponse, srv: FakeServer) => Promise<void> | void;

async function start(route: Route): Promise<FakeServer> {
  const hung: ServerResponse[] = [];
  const srv: FakeServer = {
    url: '',
    issues: [],
    log: [],
    fault: () => undefined,
    onCreate: () => undefined,
    headers: () => ({}),
    close: async () => undefined,
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return send(res, 400, { message: 'bad json' });
    }
    srv.log.push({ method: req.method!, path: url.pathname + url.search, body });
    for (const [k, v] of Object.entries(srv.headers())) res.setHeader(k, v);
    const f = srv.fault(req.method!, url.pathname);
    if (f === 'hang') return void hung.push(res);
    if (f === 'reset') return void req.socket.destroy();
    if (f) return send(res, f.status, f.body ?? '', f.headers);
    try {
      await route(req, url, body, res, srv);
    } catch (e) {
      send(res, 500, { message: (e as Error).message });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  srv.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  srv.close = () =>
    new Promise((r) => {
      for (const h of hung) h.destroy();
      server.close(() => r());
      server.closeAllConnections();
    });
  return srv;
}

function labelList(v: unknown): string[] {
  return typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** GitLab v4: `/api/v4/projects/:id/issues...`, PRIVATE-TOKEN auth. */
export function startFakeGitlab(token: string): Promise<FakeServer> {
  let noteId = 1;
  return start(async (req, url, body, res, srv) => {
    if (req.headers['private-token'] !== token) return send(res, 401, { message: '401 Unauthorized' });
    const b = (body ?? {}) as Record<string, unknown>;
    if (url.pathname === '/api/v4/users') {
      const u = url.searchParams.get('username');
      return send(res, 200, u === 'baomi-li' ? [{ id: 42, username: u }] : []);
    }
    const m = /^\/api\/v4\/projects\/([^/]+)\/issues(?:\/(\d+))?(\/notes)?$/.exec(url.pathname);
    if (!m) return send(res, 404, { message: '404 Not found' });
    const view = (i: FakeIssue): unknown => ({ iid: i.iid, title: i.title, description: i.description, state: i.state, labels: i.labels, web_url: `${srv.url}/-/issues/${i.iid}`, due_date: i.due ?? null });
    const issue = m[2] ? srv.issues.find((i) => i.iid === Number(m[2])) : undefined;
    if (m[2] && !issue) return send(res, 404, { message: '404 Issue Not Found' });
    if (m[3]) {
      if (req.method === 'POST') {
        const n = { id: noteId++, body: String(b['body'] ?? '') };
        issue!.notes.push(n);
        return send(res, 201, n);
      }
      return send(res, 200, [...issue!.notes].reverse());
    }
    if (!m[2] && req.method === 'GET') {
      const q = url.searchParams.get('search') ?? '';
      return send(res, 200, srv.issues.filter((i) => i.description.includes(q) || i.title.includes(q)).slice(0, 100).map(view));
    }
    if (!m[2] && req.method === 'POST') {
      if (!b['title']) return send(res, 400, { message: 'title is missing' });
      const i: FakeIssue = { iid: srv.issues.length + 1, title: String(b['title']), description: String(b['description'] ?? ''), state: 'opened', labels: labelList(b['labels']), assignees: (b['assignee_ids'] as unknown[]) ?? [], notes: [], ...(b['due_date'] ? { due: String(b['due_date']) } : {}) };
      srv.issues.push(i);
      await srv.onCreate(i);
      return send(res, 201, view(i));
    }
    if (m[2] && req.method === 'GET') return send(res, 200, view(issue!));
    if (m[2] && req.method === 'PUT') {
      const i = issue!;
      if (b['title'] !== undefined) i.title = String(b['title']);
      if (b['description'] !== undefined) i.description = String(b['description']);
      if (b['labels'] !== undefined) i.labels = labelList(b['labels']);
      for (const l of labelList(b['add_labels'])) if (!i.labels.includes(l)) i.labels.push(l);
      const rm = labelList(b['remove_labels']);
      i.labels = i.labels.filter((l) => !rm.includes(l));
      if (b['due_date'] !== undefined) i.due = String(b['due_date']);
      if (b['state_event'] === 'close') i.state = 'closed';
      if (b['state_event'] === 'reopen') i.state = 'opened';
      return send(res, 200, view(i));
    }
    return send(res, 405, { message: 'method not allowed' });
  });
}

/** Gitea v1: `/api/v1/repos/:owner/:repo/...`, `Authorization: token`, labels by id. */
export function startFakeGitea(token: string): Promise<FakeServer> {
  const labels: { id: number; name: string; color: string }[] = [];
  let commentId = 1;
  return start(async (req, url, body, res, srv) => {
    if (req.headers['authorization'] !== `token ${token}`) return send(res, 401, { message: 'token is required' });
    const b = (body ?? {}) as Record<string, unknown>;
    const m = /^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/(labels|issues)(?:\/(\d+))?(?:\/(comments|labels)(?:\/(\d+))?)?$/.exec(url.pathname);
    if (!m) return send(res, 404, { message: 'not found' });
    const byId = (ids: unknown): { id: number; name: string }[] => (Array.isArray(ids) ? ids : []).map((id) => {
      const l = labels.find((x) => x.id === id);
      if (!l) throw new Error(`label ${String(id)} does not exist`);
      return l;
    });
    const view = (i: FakeIssue): unknown => ({ number: i.iid, title: i.title, body: i.description, state: i.state, html_url: `${srv.url}/issues/${i.iid}`, labels: labels.filter((l) => i.labels.includes(l.name)), due_date: i.due ?? null });
    if (m[3] === 'labels') {
      if (req.method === 'GET') {
        const page = Number(url.searchParams.get('page') ?? 1);
        const limit = Number(url.searchParams.get('limit') ?? 50);
        return send(res, 200, labels.slice((page - 1) * limit, page * limit));
      }
      if (labels.some((l) => l.name === b['name'])) return send(res, 422, { message: 'label already exists' });
      const l = { id: labels.length + 100, name: String(b['name']), color: String(b['color']) };
      labels.push(l);
      return send(res, 201, l);
    }
    const issue = m[4] ? srv.issues.find((i) => i.iid === Number(m[4])) : undefined;
    if (m[4] && !issue) return send(res, 404, { message: 'issue not found' });
    if (m[5] === 'comments') {
      if (req.method === 'POST') {
        const c = { id: commentId++, body: String(b['body'] ?? '') };
        issue!.notes.push(c);
        return send(res, 201, c);
      }
      return send(res, 200, issue!.notes);
    }
    if (m[5] === 'labels') {
      if (req.method === 'DELETE') {
        issue!.labels = issue!.labels.filter((n) => labels.find((l) => l.id === Number(m[6]))?.name !== n);
        return send(res, 204, '');
      }
      for (const l of byId(b['labels'])) if (!issue!.labels.includes(l.name)) issue!.labels.push(l.name);
      return send(res, 200, labels.filter((l) => issue!.labels.includes(l.name)));
    }
    if (!m[4] && req.method === 'GET') {
      const q = url.searchParams.get('q') ?? '';
      return send(res, 200, srv.issues.filter((i) => i.description.includes(q) || i.title.includes(q)).map(view));
    }
    if (!m[4] && req.method === 'POST') {
      if (!b['title']) return send(res, 422, { message: 'title is required' });
      const i: FakeIssue = { iid: srv.issues.length + 1, title: String(b['title']), description: String(b['body'] ?? ''), state: b['closed'] ? 'closed' : 'open', labels: byId(b['labels']).map((l) => l.name), assignees: (b['assignees'] as unknown[]) ?? [], notes: [], ...(b['due_date'] ? { due: String(b['due_date']) } : {}) };
      srv.issues.push(i);
      await srv.onCreate(i);
      return send(res, 201, view(i));
    }
    if (m[4] && req.method === 'PATCH') {
      const i = issue!;
      if (b['title'] !== undefined) i.title = String(b['title']);
      if (b['body'] !== undefined) i.description = String(b['body']);
      if (b['state'] === 'closed' || b['state'] === 'open') i.state = b['state'];
      if (b['due_date'] !== undefined) i.due = String(b['due_date']);
      return send(res, 201, view(i));
    }
    return send(res, 405, { message: 'method not allowed' });
  });
}

export interface RobotMessage {
  robot: 'wecom' | 'dingtalk' | 'feishu';
  body: Record<string, unknown>;
}

export interface FakeRobots extends FakeServer {
  messages: RobotMessage[];
  /** Server clock for signature checks (ms). */
  now: () => number;
}

/**
 * WeCom `/cgi-bin/webhook/send?key=`, DingTalk `/robot/send?access_token=` (加签 checked),
 * Feishu `/open-apis/bot/v2/hook/:id` (签名校验 checked). All answer HTTP 200 with a code.
 */
export async function startFakeRobots(o: { wecomKey: string; dingtalkToken: string; dingtalkSecret: string; feishuHook: string; feishuSecret: string; perMinute?: number }): Promise<FakeRobots> {
  const sent: Record<string, number[]> = { wecom: [], dingtalk: [], feishu: [] };
  // The handlers read the returned object, so a test can move `now` after start.
  const holder: { robots?: FakeRobots } = {};
  const limit = o.perMinute ?? 20;
  const srv = await start((req, url, body, res) => {
    const b = (body ?? {}) as Record<string, unknown>;
    const r = holder.robots!;
    const within = (robot: string): boolean => {
      const t = r.now();
      sent[robot] = sent[robot]!.filter((x) => t - x < 60_000);
      if (sent[robot]!.length >= limit) return false;
      sent[robot]!.push(t);
      return true;
    };
    if (url.pathname === '/cgi-bin/webhook/send') {
      if (url.searchParams.get('key') !== o.wecomKey) return send(res, 200, { errcode: 93000, errmsg: 'invalid webhook url' });
      const content = ((b['markdown'] as Record<string, unknown> | undefined)?.['content'] ?? '') as string;
      if (b['msgtype'] !== 'markdown' || !content) return send(res, 200, { errcode: 40008, errmsg: 'invalid message type' });
      if (Buffer.byteLength(content) > 4096) return send(res, 200, { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' });
      if (!within('wecom')) return send(res, 200, { errcode: 45009, errmsg: 'api freq out of limit' });
      r.messages.push({ robot: 'wecom', body: b });
      return send(res, 200, { errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === '/robot/send') {
      if (url.searchParams.get('access_token') !== o.dingtalkToken) return send(res, 200, { errcode: 300001, errmsg: 'token is not exist' });
      const ts = Number(url.searchParams.get('timestamp'));
      const expected = createHmac('sha256', o.dingtalkSecret).update(`${ts}\n${o.dingtalkSecret}`).digest('base64');
      if (Math.abs(r.now() - ts) > 3_600_000 || url.searchParams.get('sign') !== expected) return send(res, 200, { errcode: 310000, errmsg: 'sign not match' });
      if (!within('dingtalk')) return send(res, 200, { errcode: 130101, errmsg: 'send too fast' });
      r.messages.push({ robot: 'dingtalk', body: b });
      return send(res, 200, { errcode: 0, errmsg: 'ok' });
    }
    const fm = /^\/open-apis\/bot\/v2\/hook\/([^/]+)$/.exec(url.pathname);
    if (fm) {
      if (fm[1] !== o.feishuHook) return send(res, 200, { code: 19001, msg: 'param invalid: incoming webhook access token invalid' });
      const ts = Number(b['timestamp']);
      const expected = createHmac('sha256', `${ts}\n${o.feishuSecret}`).update('').digest('base64');
      if (Math.abs(r.now() / 1000 - ts) > 3600 || b['sign'] !== expected) return send(res, 200, { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' });
      if (JSON.stringify(b).length > 20_000) return send(res, 200, { code: 9499, msg: 'Bad Request' });
      if (!within('feishu')) return send(res, 200, { code: 11232, msg: 'frequency limited' });
      r.messages.push({ robot: 'feishu', body: b });
      return send(res, 200, { code: 0, msg: 'success', data: {} });
    }
    return send(res, 404, { message: 'not found' });
  });
  holder.robots = Object.assign(srv, { messages: [] as RobotMessage[], now: () => Date.now() });
  return holder.robots;
}
