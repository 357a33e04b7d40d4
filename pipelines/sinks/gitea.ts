/**
 * Gitea issues, REST API v1 (pipeline.md §3.5). Labels are numeric ids there: the name -> id map
 * is read once per process and missing labels are created, so a label is never created twice.
 */
import type { SinkConfig } from '../config';
import type { IssueText } from './issue-text';
import { SinkHttp, unexpected, type JsonResponse, type RemoteIssue, type TrackerSink } from './sink';

interface GiteaIssue {
  number: number;
  html_url?: string;
  state: string;
  body?: string;
  labels?: { id: number; name: string }[];
}

function isIssue(x: unknown): x is GiteaIssue {
  return !!x && typeof x === 'object' && typeof (x as GiteaIssue).number === 'number' && typeof (x as GiteaIssue).state === 'string';
}

function remote(i: GiteaIssue): RemoteIssue {
  return { ref: String(i.number), ...(i.html_url ? { url: i.html_url } : {}), state: i.state === 'closed' ? 'closed' : 'open', labels: (i.labels ?? []).map((l) => l.name) };
}

/** A stable colour per label name, so the tracker's label list is readable. */
function colourOf(name: string): string {
  if (name.startsWith('severity:critical') || name === 'regression') return '#d73a4a';
  if (name.startsWith('severity:high')) return '#e99695';
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return `#${(h & 0xffffff).toString(16).padStart(6, '0')}`;
}

export class GiteaSink implements TrackerSink {
  readonly kind = 'tracker' as const;
  readonly http: SinkHttp;
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private labelIds?: Map<string, number>;

  constructor(
    readonly name: string,
    c: SinkConfig,
  ) {
    this.base = `${c.url!.replace(/\/+$/, '')}/api/v1/repos/${encodeURIComponent(c.owner!)}/${encodeURIComponent(c.repo!)}`;
    this.headers = { authorization: `token ${c.token!}` };
    this.http = new SinkHttp({ timeoutMs: c.timeoutMs, minIntervalMs: c.minIntervalMs ?? 0, redact: (u) => u });
  }

  private call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<JsonResponse> {
    return this.http.call(method, `${this.base}${path}`, this.headers, body);
  }

  private async ids(names: string[]): Promise<number[]> {
    if (!this.labelIds) {
      const map = new Map<string, number>();
      for (let page = 1; page < 100; page++) {
        const r = await this.call('GET', `/labels?page=${page}&limit=50`);
        if (!Array.isArray(r.json)) throw unexpected(`${this.name}: list labels`, r);
        for (const l of r.json as { id: number; name: string }[]) map.set(l.name, l.id);
        if (r.json.length < 50) break;
      }
      this.labelIds = map;
    }
    const out: number[] = [];
    for (const n of names) {
      let id = this.labelIds.get(n);
      if (id === undefined) {
        const r = await this.call('POST', '/labels', { name: n, color: colourOf(n), description: 'xunjian' });
        const made = r.json as { id?: number } | undefined;
        if (typeof made?.id !== 'number') throw unexpected(`${this.name}: create label ${n}`, r);
        this.labelIds.set(n, (id = made.id));
      }
      out.push(id);
    }
    return out;
  }

  async find(marker: string): Promise<RemoteIssue | undefined> {
    const r = await this.call('GET', `/issues?state=all&type=issues&q=${encodeURIComponent(marker)}&page=1&limit=50`);
    if (!Array.isArray(r.json)) throw unexpected(`${this.name}: search issues`, r);
    const hit = (r.json as unknown[]).filter(isIssue).find((i) => (i.body ?? '').includes(marker));
    return hit ? remote(hit) : undefined;
  }

  private dueOf(t: IssueText): Record<string, string> {
    return t.dueDate ? { due_date: `${t.dueDate}T23:59:59+08:00` } : {};
  }

  async create(t: IssueText): Promise<RemoteIssue> {
    const r = await this.call('POST', '/issues', {
      title: t.title,
      body: t.body,
      labels: await this.ids(t.labels),
      assignees: t.assignees,
      closed: t.state === 'closed',
      ...this.dueOf(t),
    });
    if (!isIssue(r.json)) throw unexpected(`${this.name}: create issue`, r);
    return remote(r.json);
  }

  async read(ref: string): Promise<RemoteIssue> {
    const r = await this.call('GET', `/issues/${ref}`);
    if (!isIssue(r.json)) throw unexpected(`${this.name}: read issue ${ref}`, r);
    return remote(r.json);
  }

  async update(ref: string, t: IssueText): Promise<RemoteIssue> {
    const r = await this.call('PATCH', `/issues/${ref}`, { title: t.title, body: t.body, state: t.state === 'closed' ? 'closed' : 'open', assignees: t.assignees, ...this.dueOf(t) });
    if (!isIssue(r.json)) throw unexpected(`${this.name}: edit issue ${ref}`, r);
    for (const l of r.json.labels ?? []) {
      if (/^severity:/.test(l.name) && !t.labels.includes(l.name)) await this.call('DELETE', `/issues/${ref}/labels/${l.id}`);
    }
    const have = new Set((r.json.labels ?? []).map((l) => l.name));
    const missing = t.labels.filter((l) => !have.has(l));
    if (missing.length) {
      const lr = await this.call('POST', `/issues/${ref}/labels`, { labels: await this.ids(missing) });
      if (!Array.isArray(lr.json)) throw unexpected(`${this.name}: label issue ${ref}`, lr);
      return { ...remote(r.json), labels: (lr.json as { name: string }[]).map((l) => l.name) };
    }
    return remote(r.json);
  }

  async comment(ref: string, body: string, marker: string): Promise<void> {
    const r = await this.call('POST', `/issues/${ref}/comments`, { body: `${body}\n\n<!-- ${marker} -->` });
    if (!r.json || typeof (r.json as { id?: unknown }).id !== 'number') throw unexpected(`${this.name}: comment on issue ${ref}`, r);
  }

  async hasComment(ref: string, marker: string): Promise<boolean> {
    const r = await this.call('GET', `/issues/${ref}/comments`);
    if (!Array.isArray(r.json)) throw unexpected(`${this.name}: read comments of issue ${ref}`, r);
    return (r.json as { body?: string }[]).some((c) => (c.body ?? '').includes(marker));
  }
}
