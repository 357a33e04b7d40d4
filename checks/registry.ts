/**
 * Every check, by id: the one place a check is registered. A parity test fails when a module
 * under checks/ defines a check that is missing here, or one here lacks docs or tests.
 */
import type { Check } from './types';
import { idCard } from './privacy/id-card';
import { mobile } from './privacy/mobile';
import { bankCard } from './privacy/bank-card';
import { weakMask } from './privacy/weak-mask';
import { travelDocument } from './privacy/travel-document';
import { email } from './privacy/email';
import { imAccount } from './privacy/im-account';
import { landline } from './privacy/landline';
import { creditCode } from './privacy/credit-code';
import { address } from './privacy/address';
import { plate } from './privacy/plate';
import { sensitiveList } from './privacy/sensitive-list';
import { marking } from './secrecy/marking';
import { credentials } from './secrecy/credentials';
import { brokenLinks } from './links/broken';
import { hijackedLinks } from './links/hijacked';
import { future } from './dates/future';
import { beforeWritten } from './dates/before-written';
import { beforeCited } from './dates/before-cited';
import { anachronism } from './dates/anachronism';
import { listMismatch } from './dates/list-mismatch';
import { uploadStamp } from './dates/upload-stamp';
import { sourceMismatch } from './dates/source-mismatch';
import { reposted } from './dates/reposted';
import { idOrder } from './dates/id-order';
import { backdated } from './dates/backdated';
import { identicalTimes } from './dates/identical-times';
import { attachmentCreated } from './dates/attachment-created';
import { homepageStale } from './health/homepage-stale';
import { interaction } from './health/interaction';
import { staleColumns } from './health/stale-columns';
import { availability } from './health/availability';
import { ipv6 } from './health/ipv6';
import { grade } from './headers/grade';
import { hsts } from './headers/hsts';
import { httpsRedirect } from './headers/https-redirect';
import { serverBanner } from './headers/server-banner';
import { mixedContent } from './headers/mixed-content';
import { owasp } from './headers/owasp';
import { sessionCookie } from './headers/session-cookie';
import { protocol } from './tls/protocol';
import { cipher } from './tls/cipher';
import { certificate } from './tls/certificate';
import { leaderName } from './wording/leader-name';
import { leaderOrder } from './wording/leader-order';
import { canonicalPhrase } from './wording/canonical-phrase';
import { bannedTerm } from './wording/banned-term';
import { variantForm } from './wording/variant-form';
import { cautiousTerm } from './wording/cautious-term';
import { typo } from './wording/typo';
import { institutionName } from './wording/institution-name';
import { prohibited } from './wording/prohibited';
import { charsetMismatch } from './health/charset';
import { identityCopy } from './counterfeit/identity-copy';
import { govClaim } from './counterfeit/gov-claim';
import { pageCopy } from './counterfeit/page-copy';
import { metaTags } from './health/meta-tags';
import { hiddenLink } from './tamper/hidden-link';
import { injectedScript } from './tamper/injected-script';
import { titleHijack } from './tamper/title-hijack';
import { defaced } from './tamper/defaced';
import { cloaking } from './tamper/cloaking';
import { identity } from './health/identity';
import { stale } from './newmedia/stale';
import { advert } from './newmedia/advert';
import { deadMenu } from './newmedia/dead-menu';

export const CHECKS: readonly Check[] = [
  leaderName, leaderOrder, canonicalPhrase, institutionName, bannedTerm, variantForm, cautiousTerm, typo, prohibited,
  backdated, idOrder, reposted, future, beforeWritten, beforeCited, anachronism, listMismatch, uploadStamp, attachmentCreated, sourceMismatch, identicalTimes,
  idCard, mobile, bankCard, travelDocument, landline, email, imAccount, address, plate, sensitiveList, creditCode, weakMask, marking, credentials, brokenLinks, hijackedLinks, homepageStale, staleColumns, charsetMismatch, metaTags, identity,
  availability, ipv6, interaction, httpsRedirect, hsts, grade, serverBanner, owasp, sessionCookie, mixedContent, certificate, protocol, cipher,
  identityCopy, govClaim, pageCopy,
  hiddenLink, injectedScript, titleHijack, defaced, cloaking,
  stale, advert, deadMenu];

const BY_ID = new Map(CHECKS.map((c) => [c.meta.id, c]));

export function checkById(id: string): Check | undefined {
  return BY_ID.get(id);
}

export class UnknownCheckError extends Error {
  constructor(readonly names: string[]) {
    super(`unknown check(s): ${names.join(', ')}; see \`xunjian rules\``);
    this.name = 'UnknownCheckError';
  }
}

/**
 * A run's rules as one string (ids and versions, sorted): work a run keeps for the next (a resumed
 * crawl, the feed posts it passed) is reused only by a run with the same rules — what a
 * `--checks wording` run did was never read for personal data or 密级.
 */
export function ruleSignature(checks: readonly { meta: { id: string; version: number } }[]): string {
  return checks.map((c) => `${c.meta.id}@${c.meta.version}`).sort().join(',');
}

/**
 * Resolve a user's selection (`privacy`, `privacy.id-card`, or both mixed) to checks.
 * Unknown names are an error, not silently ignored: a typo must not switch a rule off.
 */
export function selectChecks(names: readonly string[] | undefined): Check[] {
  if (!names || names.length === 0) return [...CHECKS];
  const out = new Set<Check>();
  const unknown: string[] = [];
  for (const n of names) {
    const exact = BY_ID.get(n);
    const family = CHECKS.filter((c) => c.meta.family === n);
    if (exact) out.add(exact);
    else if (family.length) family.forEach((c) => out.add(c));
    else unknown.push(n);
  }
  if (unknown.length) {
    throw new UnknownCheckError(unknown);
  }
  return CHECKS.filter((c) => out.has(c));
}
