/** The posts of an account already checked: id → content hash (a changed post is checked again). */
import type { Store } from './store';

export function feedItemsSeen(store: Store, accountId: string): Map<string, string> {
  const rows = store.db.prepare('SELECT guid, hash FROM feed_items WHERE account_id = ?').all(accountId) as { guid: string; hash: string }[];
  return new Map(rows.map((r) => [r.guid, r.hash]));
}

export function recordFeedItem(store: Store, accountId: string, guid: string, hash: string, at: string): void {
  store.db.prepare('INSERT INTO feed_items (account_id, guid, hash, checked_at) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, guid) DO UPDATE SET hash = excluded.hash, checked_at = excluded.checked_at').run(accountId, guid, hash, at);
}
