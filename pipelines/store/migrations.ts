/**
 * Schema history. Append only: a released migration is never edited, a new one is added.
 * `PRAGMA user_version` records how many have run.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: runs, page history, findings lifecycle, failures, resumable crawl frontier, git cursors.
  `
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    target TEXT NOT NULL,
    site_id TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'complete', 'partial', 'failed')),
    summary TEXT
  );
  CREATE TABLE pages (
    site_id TEXT NOT NULL,
    url TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    first_run INTEGER NOT NULL,
    last_run INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    title TEXT,
    PRIMARY KEY (site_id, url)
  );
  CREATE TABLE page_versions (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    site_id TEXT NOT NULL,
    url TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    status INTEGER,
    claimed_published_at TEXT,
    claimed_created_at TEXT,
    claimed_updated_at TEXT,
    column_name TEXT,
    PRIMARY KEY (run_id, url)
  );
  CREATE TABLE findings (
    fingerprint TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    url TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    first_run INTEGER NOT NULL,
    last_run INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    data TEXT NOT NULL
  );
  CREATE INDEX findings_site_rule ON findings (site_id, rule);
  CREATE INDEX findings_last_run ON findings (last_run);
  CREATE TABLE fetch_failures (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    url TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    status INTEGER,
    at TEXT NOT NULL
  );
  CREATE INDEX fetch_failures_run ON fetch_failures (run_id);
  CREATE TABLE crawls (
    id INTEGER PRIMARY KEY,
    site_id TEXT NOT NULL,
    seeds TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'finished')),
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE frontier (
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    url TEXT NOT NULL,
    depth INTEGER NOT NULL,
    kind TEXT NOT NULL,
    referrer TEXT,
    anchor TEXT,
    lastmod TEXT,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done', 'failed', 'skipped')),
    status INTEGER,
    reason TEXT,
    PRIMARY KEY (crawl_id, url)
  );
  CREATE INDEX frontier_queue ON frontier (crawl_id, state);
  CREATE TABLE git_cursors (
    repo TEXT PRIMARY KEY,
    commit_id TEXT NOT NULL,
    scanned_at TEXT NOT NULL
  );
  `,
  // 2: daemon schedules, so runs missed while the daemon was down are caught up at start.
  `
  CREATE TABLE schedules (
    pipeline_id TEXT PRIMARY KEY,
    next_due TEXT,
    last_started TEXT,
    last_finished TEXT,
    last_status TEXT
  );
  `,
  // 3: the latest claimed date of a URL is looked up per page when a site's history is judged.
  `
  CREATE INDEX page_versions_site_url ON page_versions (site_id, url, run_id);
  `,
  // 4: availability probes (19号: ≥ 20 a day, judged over 7 days).
  `
  CREATE TABLE probes (
    site_id TEXT NOT NULL,
    at TEXT NOT NULL,
    ok INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    status INTEGER,
    ms INTEGER
  );
  CREATE INDEX probes_site_at ON probes (site_id, at);
  `,
  // 5: issue lifecycle (one issue per site, family and duty), the outbox of deliveries to sinks,
  // and their receipts (drills prove when people were told).
  `
  CREATE TABLE issues (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    site_id TEXT NOT NULL,
    family TEXT NOT NULL,
    duty TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    regressions INTEGER NOT NULL DEFAULT 0,
    notified_at TEXT
  );
  ALTER TABLE findings ADD COLUMN issue_id INTEGER REFERENCES issues(id);
  ALTER TABLE findings ADD COLUMN missed INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE findings ADD COLUMN fixed_at TEXT;
  ALTER TABLE findings ADD COLUMN suppressed TEXT;
  CREATE INDEX findings_issue ON findings (issue_id);
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    sink TEXT NOT NULL,
    issue_id INTEGER REFERENCES issues(id),
    kind TEXT NOT NULL CHECK (kind IN ('sync', 'comment', 'digest')),
    body TEXT,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    last_error TEXT,
    claimed_by TEXT
  );
  CREATE INDEX outbox_due ON outbox (state, not_before);
  -- One waiting sync per issue and sink is enough (it renders the latest state); one may wait
  -- behind another that is being sent, so a change made meanwhile still goes out.
  CREATE UNIQUE INDEX outbox_one_sync ON outbox (sink, issue_id) WHERE kind = 'sync' AND state = 'pending';
  CREATE TABLE remote_issues (
    issue_id INTEGER NOT NULL REFERENCES issues(id),
    sink TEXT NOT NULL,
    ref TEXT NOT NULL,
    url TEXT,
    state TEXT NOT NULL,
    body_sha256 TEXT,
    PRIMARY KEY (issue_id, sink)
  );
  CREATE TABLE receipts (
    id INTEGER PRIMARY KEY,
    outbox_id INTEGER NOT NULL REFERENCES outbox(id),
    sink TEXT NOT NULL,
    at TEXT NOT NULL,
    method TEXT NOT NULL,
    url TEXT NOT NULL,
    request TEXT,
    status INTEGER,
    response TEXT,
    ms INTEGER,
    ok INTEGER NOT NULL
  );
  CREATE INDEX receipts_outbox ON receipts (outbox_id);
  `,
  // 6: the main-text hash of each page version, so 旧稿重发 is found against earlier runs too.
  `
  ALTER TABLE page_versions ADD COLUMN body_hash TEXT;
  CREATE INDEX page_versions_body ON page_versions (site_id, body_hash);
  -- when a finding's evidence was last captured: a finding seen every half hour is not re-captured each time.
  ALTER TABLE findings ADD COLUMN captured_at TEXT;
  `,
  // 7: what the latest probe observed of each site, so a scan's sites[] carries the grade, TLS and IPv6.
  `
  CREATE TABLE site_observations (
    site_id TEXT PRIMARY KEY,
    observed_at TEXT NOT NULL,
    json TEXT NOT NULL
  );
  `,
  // 8: the identity marks each run saw on a site's own pages (history for health.identity, inventory for
  // the counterfeit rules), and the prints of its pages, so a copy of one elsewhere is found and explained.
  `
  CREATE TABLE site_identity (
    id INTEGER PRIMARY KEY,
    site_id TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    observed_at TEXT NOT NULL,
    json TEXT NOT NULL
  );
  CREATE INDEX site_identity_site ON site_identity (site_id, id);
  CREATE TABLE page_prints (
    site_id TEXT NOT NULL,
    url TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    title TEXT NOT NULL,
    simhash TEXT NOT NULL,
    shape BLOB NOT NULL,
    sentences BLOB NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (site_id, url)
  );
  CREATE TABLE sentence_index (
    hash INTEGER NOT NULL,
    site_id TEXT NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (hash, site_id, url)
  ) WITHOUT ROWID;
  CREATE INDEX sentence_index_page ON sentence_index (site_id, url);
  `,
  // 9: what a site's pages linked and loaded (a domain or script origin new to a site is a tamper
  // signal), and snapshots of its key pages (stable regions learnt from them; reported ones kept apart).
  `
  CREATE TABLE site_resources (
    site_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('link-domain', 'script-origin')),
    value TEXT NOT NULL,
    first_run INTEGER NOT NULL,
    last_run INTEGER NOT NULL,
    PRIMARY KEY (site_id, kind, value)
  ) WITHOUT ROWID;
  CREATE TABLE key_page_snapshots (
    id INTEGER PRIMARY KEY,
    site_id TEXT NOT NULL,
    url TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    at TEXT NOT NULL,
    alerted INTEGER NOT NULL DEFAULT 0,
    json TEXT NOT NULL
  );
  CREATE INDEX key_page_snapshots_url ON key_page_snapshots (site_id, url, id);
  `,
  // 10: emergency drills (应急演练): the plan, the human steps recorded, and the marker its payloads carry.
  `
  CREATE TABLE drills (
    id TEXT PRIMARY KEY,
    scenario TEXT NOT NULL,
    site_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'finished')),
    planned_by TEXT,
    expected TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT
  );
  CREATE TABLE drill_events (
    id INTEGER PRIMARY KEY,
    drill_id TEXT NOT NULL REFERENCES drills(id),
    type TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT,
    recorded_at TEXT NOT NULL
  );
  CREATE INDEX drill_events_drill ON drill_events (drill_id, at);
  `,
  // 11: what the daemon needs to say whether a pipeline is healthy: when it last succeeded, how fast.
  `
  ALTER TABLE schedules ADD COLUMN last_success TEXT;
  ALTER TABLE schedules ADD COLUMN last_pages INTEGER;
  ALTER TABLE schedules ADD COLUMN last_ms INTEGER;
  `,
  // 12: which links failed in each run that checked links, and for how many such runs in a row, so a
  // host that failed once (flaky) is told apart from a link that stays broken.
  `
  CREATE TABLE link_runs (
    site_id TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    PRIMARY KEY (site_id, run_id)
  );
  CREATE TABLE link_failures (
    site_id TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    target TEXT NOT NULL,
    streak INTEGER NOT NULL,
    PRIMARY KEY (site_id, run_id, target)
  );
  `,
  // 13: the posts of each government account already checked, by id and content, so a feed read
  // every hour checks only what is new or changed.
  `
  CREATE TABLE feed_items (
    account_id TEXT NOT NULL,
    guid TEXT NOT NULL,
    hash TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    PRIMARY KEY (account_id, guid)
  );
  `,
  // 14: queue jobs whose run finished and was stored. A job finished while Redis was unreachable
  // is handed out again by BullMQ when its lease lapses; the store's word that it is done keeps
  // that from running the site a second time.
  `
  CREATE TABLE queue_jobs (
    job_id TEXT PRIMARY KEY,
    run_id INTEGER,
    status TEXT NOT NULL,
    pages INTEGER NOT NULL,
    findings INTEGER NOT NULL,
    finished_at TEXT NOT NULL
  );
  `,
  // 15: which runs recorded which kind of resource for the tamper rules' history. Only a run that
  // had the rule judging a kind records it (a wording-only run would have taken an injected script
  // for the site's own), and novelty is judged only against runs that did.
  `
  CREATE TABLE resource_runs (
    site_id TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (site_id, run_id, kind)
  );
  `,
  // 16: the counterfeit index keyed by a page number instead of its site and address: each of a
  // page's sentence rows carried both twice (key and page index), so a site's first scan wrote
  // some 100 bytes a sentence into a table whose random keys made every commit rewrite most of
  // it; 16 bytes now (a 5,000-page site's index 3.6 → 0.7 MB).
  `
  CREATE TABLE print_pages (
    id INTEGER PRIMARY KEY,
    site_id TEXT NOT NULL,
    url TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    title TEXT NOT NULL,
    simhash TEXT NOT NULL,
    shape BLOB NOT NULL,
    sentences BLOB NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (site_id, url)
  );
  INSERT INTO print_pages (site_id, url, sha256, title, simhash, shape, sentences, updated_at)
    SELECT site_id, url, sha256, title, simhash, shape, sentences, updated_at FROM page_prints;
  CREATE TABLE sentence_pages (
    hash INTEGER NOT NULL,
    page INTEGER NOT NULL,
    PRIMARY KEY (hash, page)
  ) WITHOUT ROWID;
  CREATE INDEX sentence_pages_page ON sentence_pages (page);
  INSERT INTO sentence_pages (hash, page)
    SELECT s.hash, p.id FROM sentence_index s JOIN print_pages p ON p.site_id = s.site_id AND p.url = s.url;
  DROP TABLE sentence_index;
  DROP TABLE page_prints;
  `,
  // 17: a run reads each page's latest publication date and body hash from its versions; through
  // the old index every version was a table lookup, and a page without either read them all (a
  // 5,000-page site after 30 nightly scans: 300 ms a run, 27 ms with the values in the index).
  `
  CREATE INDEX page_versions_history ON page_versions (site_id, url, run_id, claimed_published_at, body_hash);
  DROP INDEX page_versions_site_url;
  `,
];
