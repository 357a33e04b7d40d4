/**
 * What every source produces: pages, attachments, link observations, and errors for inputs it
 * could not read. Errors are items, not exceptions, so one broken record never stops a run.
 */
import type { AccountFacts, DocumentFile, LinkObservation, Page } from '../../checks/types';
import type { CrawlOutage } from './crawl';

export interface InputError {
  /** File, URL or export the problem is in. */
  input: string;
  /** Line number or record id within the input. */
  record?: string | number;
  /** JSON path of the offending field, e.g. `/publishedAt`. */
  field?: string;
  /** Stable code: `timeout`, `http-404`, `schema`, `json`, `robots`, ... */
  code: string;
  message: string;
  status?: number;
}

export type SourceItem =
  /**
   * `ack` is called by the run loop once the item's results are stored; a resumable source marks
   * the item done only then, so a killed run loses nothing.
   */
  | { kind: 'page'; page: Page; ack?: () => void }
  | { kind: 'document'; doc: DocumentFile; ack?: () => void }
  | { kind: 'links'; links: LinkObservation[] }
  | { kind: 'error'; error: InputError }
  /** A URL deliberately not fetched (robots.txt, scope, page cap); not an error, but counted. */
  | { kind: 'skipped'; url: string; reason: string }
  /** A host the crawl gave up on: the run is not complete and the site was seen down. */
  | { kind: 'outage'; outage: CrawlOutage }
  /** A new-media account's feed was read whole: what the account rules judge. */
  | { kind: 'account'; account: AccountFacts };

export interface Source {
  /** For logs and the run record: what is being read. */
  readonly description: string;
  items(): AsyncIterable<SourceItem>;
  /** After iteration: did the source cover everything it meant to (no cap hit, no abort)? */
  complete(): boolean;
  /** Its input could not be read at all (a feed that hung, refused, or was too large): a failed run. */
  unread?(): boolean;
  /** Resolves once the source has stopped writing to the store, after its consumer stopped early. */
  settled?(): Promise<void>;
}
