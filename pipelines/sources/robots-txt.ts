/**
 * A robots.txt file read and matched as RFC 9309 says, at a cost bounded by the path's length per
 * rule. robots-parser (the package this replaces) matches each rule by Google's table walk, which
 * costs the pattern's length times the path's: an outbound site writes its own robots.txt, and
 * 2,000 wildcard rules against a 3,000-character link took it 1.5–2 s of the run thread per URL.
 * It also copied a group's rules once per user-agent line of the group. Here a group's rules are
 * shared, and a pattern is its literal pieces between `*`, found left to right with indexOf: the
 * leftmost place for each piece leaves the most room for the rest, so no backtracking is needed.
 * Parsing follows robots-parser 3's reading (comments, grouping, merging of groups naming the same
 * agent, encoding of patterns), so decisions and line numbers are unchanged.
 */

interface Rule {
  allow: boolean;
  /** 1-based line in the file, for the decision's reason. */
  line: number;
  /** The normalised pattern's length: the longest match wins (RFC 9309 §2.2.2). */
  length: number;
  /** The pattern's literal pieces between `*`; the first is anchored at the path's start. */
  pieces: string[];
  /** The pattern ended in `$`: the last piece must end the path. */
  anchoredEnd: boolean;
}

interface Group {
  rules: Rule[];
  crawlDelay?: number;
}

export class RobotsTxt {
  private constructor(
    private readonly origin: string,
    private readonly groups: ReadonlyMap<string, Group>,
    readonly sitemaps: readonly string[],
  ) {}

  static parse(origin: string, text: string): RobotsTxt {
    const groups = new Map<string, Group>();
    const sitemaps: string[] = [];
    let agents: string[] = [];
    let current: Group[] = [];
    let inAgentLines = false;
    const lines = text.split(/\r\n|\r|\n/);
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i]!;
      const hash = raw.indexOf('#');
      const line = hash >= 0 ? raw.slice(0, hash) : raw;
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (!key) continue;
      if (key === 'user-agent') {
        if (!inAgentLines) {
          agents = [];
          current = [];
        }
        if (value) agents.push(agentName(value));
        inAgentLines = true;
        continue;
      }
      inAgentLines = false;
      if (key === 'disallow' || key === 'allow' || key === 'crawl-delay') {
        // A group comes into being at its first rule line; every agent it names shares it, and a
        // later group naming the same agent adds to it.
        if (!current.length && agents.length) current = [...new Set(agents.map((a) => groupOf(groups, a)))];
        if (key === 'crawl-delay') {
          const delay = Number(value);
          if (!Number.isNaN(delay)) for (const g of current) g.crawlDelay = delay;
        } else if (value) {
          const rule = compile(value, key === 'allow', i + 1);
          for (const g of current) g.rules.push(rule);
        }
      } else if (key === 'sitemap' && value) {
        sitemaps.push(value);
      }
    }
    return new RobotsTxt(new URL(origin).origin, groups, sitemaps);
  }

  /** The rule deciding `url` for `productToken`, null when none matches, undefined for another origin's URL. */
  ruleFor(url: string, productToken: string): { allow: boolean; line: number } | null | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (parsed.origin !== this.origin) return undefined;
    const group = this.groupFor(productToken);
    if (!group) return null;
    const path = upperEscapes(parsed.pathname + parsed.search);
    let best: Rule | null = null;
    for (const rule of group.rules) {
      if (best && (rule.length < best.length || (rule.length === best.length && (best.allow || !rule.allow)))) continue;
      if (matches(rule, path)) best = rule;
    }
    return best;
  }

  crawlDelay(productToken: string): number | undefined {
    return this.groupFor(productToken)?.crawlDelay;
  }

  private groupFor(productToken: string): Group | undefined {
    return this.groups.get(agentName(productToken)) ?? this.groups.get('*');
  }
}

function groupOf(groups: Map<string, Group>, agent: string): Group {
  let g = groups.get(agent);
  if (!g) groups.set(agent, (g = { rules: [] }));
  return g;
}

/** `XunjianBot/2.1` and `xunjianbot` name the same group. */
function agentName(agent: string): string {
  const lower = agent.toLowerCase();
  const slash = lower.indexOf('/');
  return (slash >= 0 ? lower.slice(0, slash) : lower).trim();
}

function compile(pattern: string, allow: boolean, line: number): Rule {
  const normal = normaliseEncoding(pattern);
  const anchoredEnd = normal.endsWith('$');
  const body = anchoredEnd ? normal.slice(0, -1) : normal;
  return { allow, line, length: normal.length, pieces: body.split('*'), anchoredEnd };
}

function matches(rule: Rule, path: string): boolean {
  const { pieces, anchoredEnd } = rule;
  const first = pieces[0]!;
  if (!path.startsWith(first)) return false;
  if (pieces.length === 1) return !anchoredEnd || path.length === first.length;
  let at = first.length;
  const last = pieces.length - 1;
  for (let i = 1; i < last; i++) {
    const piece = pieces[i]!;
    if (!piece) continue;
    const found = path.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  const tail = pieces[last]!;
  if (anchoredEnd) return path.length - tail.length >= at && path.endsWith(tail);
  return !tail || path.indexOf(tail, at) >= 0;
}

/** Patterns may be written unescaped (/新闻/) or escaped in either case; paths arrive escaped. */
function normaliseEncoding(pattern: string): string {
  try {
    return upperEscapes(encodeURI(pattern).replace(/%25/g, '%'));
  } catch {
    return pattern;
  }
}

function upperEscapes(path: string): string {
  return path.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
}
