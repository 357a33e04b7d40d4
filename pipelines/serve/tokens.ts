/**
 * Bearer tokens of the pre-publish service: several at once (one per CMS, so one can be revoked
 * without the others), compared in constant time over their SHA-256 digests, replaced as a set on
 * SIGHUP. A token is never logged; its id is.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface TokenConfig {
  id: string;
  token: string;
}

/** Shorter tokens are guessable; the config check refuses them. */
export const MIN_TOKEN_LENGTH = 24;

export class TokenSet {
  private entries: { id: string; digest: Buffer }[] = [];

  constructor(tokens: readonly TokenConfig[]) {
    this.replace(tokens);
  }

  get size(): number {
    return this.entries.length;
  }

  replace(tokens: readonly TokenConfig[]): void {
    this.entries = tokens.map((t) => ({ id: t.id, digest: createHash('sha256').update(t.token).digest() }));
  }

  /** The id of the token in an `Authorization: Bearer …` header, or undefined. Every token is compared, whichever matches. */
  check(header: string | undefined): string | undefined {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m) return undefined;
    const digest = createHash('sha256').update(m[1]!).digest();
    let found: string | undefined;
    for (const e of this.entries) if (timingSafeEqual(e.digest, digest) && found === undefined) found = e.id;
    return found;
  }
}
