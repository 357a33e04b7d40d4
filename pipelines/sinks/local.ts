/**
 * Issues as Markdown files in the evidence ledger, for sites with no tracker: one file per issue
 * (`issues/<site>/<family>-<duty>.md`), state in its front matter, comments appended with their
 * time. The files are committed with the run's evidence, so their history is the issue history.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { IssueText } from './issue-text';
import type { Ledger } from '../evidence/ledger';
import type { RemoteIssue, TrackerSink } from './sink';
import { DEFAULT_TIMEZONE, localIso, localTime } from '../../reports/local-time';

const COMMENTS = '\n## 记录 (log)\n';

export class LocalSink implements TrackerSink {
  readonly kind = 'tracker' as const;
  private readonly touched = new Set<string>();

  constructor(
    readonly name: string,
    private readonly ledger: Ledger,
    private readonly sub = 'issues',
    private readonly now: () => Date = () => new Date(),
    private readonly timezone = DEFAULT_TIMEZONE,
  ) {}

  private files(): string[] {
    const root = this.ledger.path(this.sub);
    if (!existsSync(root)) return [];
    const out: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.md')) out.push(join(d, e.name));
      }
    };
    walk(root);
    return out;
  }

  private fileText(ref: string): string {
    return readFileSync(this.ledger.path(ref), 'utf8');
  }

  private write(ref: string, text: string): void {
    const abs = this.ledger.path(ref);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    this.touched.add(ref);
  }

  private render(t: IssueText, log: string): string {
    const front = ['---', `title: ${JSON.stringify(t.title)}`, `state: ${t.state}`, `labels: ${JSON.stringify(t.labels)}`, `assignees: ${JSON.stringify(t.assignees)}`, ...(t.dueDate ? [`due: ${t.dueDate}`] : []), `updated: ${localIso(this.now().toISOString(), this.timezone)}`, '---'];
    return `${front.join('\n')}\n\n# ${t.title}\n\n${t.body}${COMMENTS}${log}`;
  }

  private logOf(text: string): string {
    const i = text.indexOf(COMMENTS);
    return i < 0 ? '' : text.slice(i + COMMENTS.length);
  }

  async find(marker: string): Promise<RemoteIssue | undefined> {
    for (const f of this.files()) {
      const text = readFileSync(f, 'utf8');
      if (text.includes(marker)) return { ref: relative(this.ledger.dir, f), state: /^state: closed$/m.test(text) ? 'closed' : 'open', labels: [] };
    }
    return undefined;
  }

  async read(ref: string): Promise<RemoteIssue> {
    const text = this.fileText(ref);
    const labels = /^labels: (.*)$/m.exec(text)?.[1];
    return { ref, state: /^state: closed$/m.test(text) ? 'closed' : 'open', labels: labels ? (JSON.parse(labels) as string[]) : [] };
  }

  async create(t: IssueText): Promise<RemoteIssue> {
    const ref = join(this.sub, `${t.slug}.md`);
    this.write(ref, this.render(t, ''));
    return { ref, state: t.state, labels: t.labels };
  }

  async update(ref: string, t: IssueText): Promise<RemoteIssue> {
    const log = existsSync(this.ledger.path(ref)) ? this.logOf(this.fileText(ref)) : '';
    this.write(ref, this.render(t, log));
    return { ref, state: t.state, labels: t.labels };
  }

  async comment(ref: string, body: string, marker: string): Promise<void> {
    const text = this.fileText(ref);
    this.write(ref, `${text}\n- ${localTime(this.now().toISOString(), this.timezone)} ${body.replace(/\n+/g, ' ')} <!-- ${marker} -->\n`);
  }

  async hasComment(ref: string, marker: string): Promise<boolean> {
    return existsSync(this.ledger.path(ref)) && this.fileText(ref).includes(marker);
  }

  /** Commit what this delivery changed. */
  async flush(): Promise<void> {
    const paths = [...this.touched];
    this.touched.clear();
    await this.ledger.exclusive(() => this.ledger.commit(paths, `issues: ${paths.length} file(s) updated`));
  }
}
