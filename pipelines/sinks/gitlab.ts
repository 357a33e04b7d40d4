/**
 * GitLab issues, REST API v4 (pipeline.md §3.4). GitLab has no idempotency key, so an issue is
 * looked up by its body marker before it is created; labels are plain names (GitLab creates
 * missing ones); assignees are user ids, looked up once from usernames.
 */
import type { SinkConfig } from '../config';
import type { IssueText } from './issue-text';
import { SinkError, SinkHttp, unexpected, type RemoteIssue, type TrackerSink, type JsonResponse } from './sink';

interface GitlabIssue {
  iid: number;
  web_url?: string;
  state: string;
  labels: string[];
  description?: string;
}

function isIssue(x: unknown): x is GitlabIssue {
  return !!x && typeof x === 'object' && typeof (x as GitlabIssue).iid === 'number' && typeof (x as GitlabIssue).state === 'string';
}

function remote(i: GitlabIssue): RemoteIssue {
  return { ref: String(i.iid), ...(i.web_url ? { url: i.web_url } : {}), state: i.state === 'closed' ? 'closed' : 'open', labels: i.labels ?? [] };
}

export class GitlabSink implements TrackerSink {
  readonly kind = 'tracker' as const;
  readonly http: SinkHttp;
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly userIds = new Map<string, number>();

  constructor(
    readonly name: string,
    c: SinkConfig,
  ) {
    this.base = `${c.url!.replace(/\/+$/, '')}/api/v4/projects/${encodeURIComponent(c.project!)}`;
    this.headers = { 'private-token': c.token! };
    this.http = new SinkHttp({ timeoutMs: c.timeoutMs, minIntervalMs: c.minIntervalMs ?? 0, redact: (u) => u });
  }

  private async call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<JsonResponse> {
    const r = await this.http.call(method, path.startsWith('http') ? path : `${this.base}${path}`, this.headers, body);
    // GitLab says how much is left; wait out an exhausted window rather than collect 429s.
    const remaining = Number(r.headers['ratelimit-remaining']);
    const reset = Number(r.headers['ratelimit-reset']);
    if (r.headers['ratelimit-remaining'] !== undefined && remaining <= 0 && reset > 0) {
      const wait = Math.min(reset * 1000 - Date.now(), 60_000);
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    }
    return r;
  }

  async find(marker: string): Promise<RemoteIssue | undefined> {
    const r = await this.call('GET', `/issues?search=${encodeURIComponent(marker)}&in=description&per_page=100&scope=all`);
    if (!Array.isArray(r.json)) throw unexpected(`${this.name}: search issues`, r);
    const hit = (r.json as unknown[]).filter(isIssue).find((i) => (i.description ?? '').includes(marker));
    return hit ? remote(hit) : undefined;
  }

  private async assigneeIds(names: string[]): Promise<number[]> {
    const ids: number[] = [];
    for (const n of names) {
      if (/^\d+$/.test(n)) {
        ids.push(Number(n));
        continue;
      }
      let id = this.userIds.get(n);
      if (id === undefined) {
        const base = this.base.slice(0, this.base.indexOf('/api/v4/') + '/api/v4'.length);
        const r = await this.call('GET', `${base}/users?username=${encodeURIComponent(n)}`);
        const u = Array.isArray(r.json) ? (r.json[0] as { id?: number } | undefined) : undefined;
        if (typeof u?.id !== 'number') throw new SinkError(`${this.name}: no GitLab user "${n}" (issues.routing assignees)`, false);
        this.userIds.set(n, (id = u.id));
      }
      ids.push(id);
    }
    return ids;
  }

  async create(t: IssueText): Promise<RemoteIssue> {
    const r = await this.call('POST', '/issues', {
      title: t.title,
      description: t.body,
      labels: t.labels.join(','),
      assignee_ids: await this.assigneeIds(t.assignees),
      ...(t.dueDate ? { due_date: t.dueDate } : {}),
    });
    if (!isIssue(r.json)) throw unexpected(`${this.name}: create issue`, r);
    let issue = r.json;
    if (t.state === 'closed') issue = await this.put(issue.iid, { state_event: 'close' });
    return remote(issue);
  }

  private async put(iid: number | string, body: Record<string, unknown>): Promise<GitlabIssue> {
    const r = await this.call('PUT', `/issues/${iid}`, body);
    if (!isIssue(r.json)) throw unexpected(`${this.name}: edit issue ${iid}`, r);
    return r.json;
  }

  async read(ref: string): Promise<RemoteIssue> {
    const r = await this.call('GET', `/issues/${ref}`);
    if (!isIssue(r.json)) throw unexpected(`${this.name}: read issue ${ref}`, r);
    return remote(r.json);
  }

  async update(ref: string, t: IssueText): Promise<RemoteIssue> {
    const r = await this.call('GET', `/issues/${ref}`);
    if (!isIssue(r.json)) throw unexpected(`${this.name}: read issue ${ref}`, r);
    const cur = { json: r.json };
    // Labels people added (误报, 已分派 ...) stay: only ours are added.
    const add = t.labels.filter((l) => !cur.json.labels.includes(l));
    const stale = cur.json.labels.filter((l) => /^severity:/.test(l) && !t.labels.includes(l));
    const issue = await this.put(ref, {
      title: t.title,
      description: t.body,
      ...(add.length ? { add_labels: add.join(',') } : {}),
      ...(stale.length ? { remove_labels: stale.join(',') } : {}),
      ...(t.dueDate ? { due_date: t.dueDate } : {}),
      ...(cur.json.state === 'closed' && t.state === 'open' ? { state_event: 'reopen' } : {}),
      ...(cur.json.state !== 'closed' && t.state === 'closed' ? { state_event: 'close' } : {}),
    });
    return remote(issue);
  }

  async comment(ref: string, body: string, marker: string): Promise<void> {
    const r = await this.call('POST', `/issues/${ref}/notes`, { body: `${body}\n\n<!-- ${marker} -->` });
    if (!r.json || typeof (r.json as { id?: unknown }).id !== 'number') throw unexpected(`${this.name}: comment on issue ${ref}`, r);
  }

  async hasComment(ref: string, marker: string): Promise<boolean> {
    const r = await this.call('GET', `/issues/${ref}/notes?per_page=100&sort=desc`);
    if (!Array.isArray(r.json)) throw unexpected(`${this.name}: read comments of issue ${ref}`, r);
    return (r.json as { body?: string }[]).some((n) => (n.body ?? '').includes(marker));
  }
}
