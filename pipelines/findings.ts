/**
 * Spans -> Findings: the one place that locates (offsets, selector, hidden), excerpts, masks and
 * fingerprints. Checks never build findings, so these rules cannot drift between checks.
 */
import { ownCopy } from '../checks/text/own-copy';
import { createHash } from 'node:crypto';
import type { Check, DocumentFile, Evidence, Finding, Page, Site, Span } from '../checks/types';
import { segmentsFor, selectorOf } from '../checks/text/visible-text';
import { canonicalUrl } from './canonical-url';
import { maskIdentifiers, maskValue } from './evidence/masking';
import { groupBy } from '../checks/group-by';

const FINGERPRINT_VERSION = 'fp1';
const EXCERPT_CONTEXT = 40;
/** Headers worth keeping as evidence; the rest are noise or cookies. */
const EVIDENCE_HEADERS = ['content-type', 'content-length', 'last-modified', 'etag', 'date', 'server', 'x-powered-by', 'location'];

/** Stable fields only, unit-separator delimited, versioned (pipeline.md §3.2). */
export function fingerprint(rule: string, ruleVersion: number, siteId: string, url: string, discriminator: string): string {
  const fields = [FINGERPRINT_VERSION, rule, String(ruleVersion), siteId, canonicalUrl(url), discriminator];
  return createHash('sha256').update(fields.join('\u001f'), 'utf8').digest('hex');
}

function pickHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of EVIDENCE_HEADERS) if (headers[h] !== undefined) out[h] = headers[h]!;
  return out;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

interface Target {
  siteId: string;
  url: string;
  text?: string;
  evidence: Evidence;
  page?: Page;
  attachment?: string;
  /** What the target's sensitive rules found in its text, sorted: masked in every finding's excerpt. */
  sensitive?: readonly Span[];
}

/**
 * text[from, to) with the values sensitive rules found in it masked: an excerpt around one finding
 * shows its neighbours' too (a 低保 row's address beside the telephone number the finding is about),
 * and no pattern masks an address, a name or a WeChat ID the way the rule that found it can.
 */
function maskedSlice(text: string, from: number, to: number, sensitive: readonly Span[] | undefined): string {
  if (!sensitive?.length) return text.slice(from, to);
  let out = '';
  let at = from;
  for (const s of sensitive) {
    const a = Math.max(s.start!, at);
    const b = Math.min(s.end!, to);
    if (a >= b) continue;
    out += text.slice(at, a) + maskValue(text.slice(a, b));
    at = b;
  }
  return out + text.slice(at, to);
}

/** The spans of sensitive rules that point into text, in order: what maskedSlice hides. */
export function sensitiveSpans(found: readonly { check: Check; spans: readonly Span[] }[]): Span[] {
  return found
    .filter((f) => f.check.meta.sensitive)
    .flatMap((f) => f.spans.filter((s) => s.start !== undefined && s.end !== undefined && s.end > s.start))
    .sort((a, b) => a.start! - b.start!);
}

/**
 * What tells a finding apart from the others of its rule on one URL. The check's discriminator,
 * else the (masked) match; a non-text target that is not the URL itself (a column, a host, a link)
 * is part of it, so two findings that differ in target or discriminator never share an id; a
 * repeat of the same identity on one URL is numbered. A sensitive value enters only masked, so a
 * fingerprint is not a brute-forceable hash of an ID number.
 */
function identityOf(span: Span, matchKey: string, url: string, sensitive: boolean, occurrences: Map<string, number>): string {
  const target = span.target !== undefined && span.start === undefined && span.target !== url && span.target !== span.discriminator ? (sensitive ? maskValue(span.target) : span.target) : undefined;
  const base = span.discriminator !== undefined
    ? (target !== undefined ? `${span.discriminator}\u001e${target}` : span.discriminator)
    : `${span.part ?? ''}|${matchKey}`;
  const key = `${url}\u001f${base}`;
  const n = (occurrences.get(key) ?? 0) + 1;
  occurrences.set(key, n);
  // Ids from before the target counted stay as they were: an explicit discriminator is numbered only from its second repeat.
  if (span.discriminator !== undefined) return n === 1 ? base : `${base}#${n}`;
  return `${base}#${n}`;
}

function build(check: Check, spans: Span[], t: Target): Finding[] {
  const { meta } = check;
  const occurrences = new Map<string, number>();
  return spans.map((span) => {
    const hasText = t.text !== undefined && span.start !== undefined && span.end !== undefined;
    const raw = hasText ? t.text!.slice(span.start, span.end) : (span.target ?? '');
    const match = meta.sensitive ? maskValue(raw) : raw;
    let excerpt = '';
    if (hasText) {
      // Never cut a number in two at the window's edge: half an ID would escape masking.
      let from = Math.max(0, span.start! - EXCERPT_CONTEXT);
      while (from > 0 && /[0-9Xx]/.test(t.text![from - 1]!) && /[0-9Xx]/.test(t.text![from]!)) from--;
      let to = Math.min(t.text!.length, span.end! + EXCERPT_CONTEXT);
      while (to < t.text!.length && /[0-9Xx]/.test(t.text![to - 1]!) && /[0-9Xx]/.test(t.text![to]!)) to++;
      const before = maskedSlice(t.text!, from, span.start!, t.sensitive);
      const after = maskedSlice(t.text!, span.end!, to, t.sensitive);
      excerpt = maskIdentifiers(oneLine(before)) + match + maskIdentifiers(oneLine(after));
    } else if (span.message) {
      excerpt = maskIdentifiers(oneLine(span.message));
    }
    const url = span.url ?? t.url;
    const discriminator = identityOf(span, meta.sensitive ? match : raw, url, meta.sensitive, occurrences);
    const location: Finding['location'] = {};
    if (hasText) {
      location.start = span.start;
      location.end = span.end;
    }
    if (t.attachment) location.attachment = t.attachment;
    if (span.part) location.part = span.part;
    if (hasText && t.page?.contentType === 'html') {
      const segs = segmentsFor(t.page.text, span.start!, span.end!);
      const el = segs.find((s) => s.element)?.element;
      if (el) location.selector = selectorOf(el);
      if (segs.some((s) => s.hidden)) location.hidden = true;
    }
    const f: Finding = {
      id: fingerprint(meta.id, meta.version, t.siteId, url, discriminator),
      check: meta.family,
      rule: meta.id,
      severity: span.severity ?? meta.severity,
      duty: meta.duty,
      // A finding outlives its page (the run's list, the JSON): own copies, not views into its text (own-copy.ts).
      title: span.message ? ownCopy(`${meta.title}: ${maskIdentifiers(span.message)}`) : meta.title,
      site: t.siteId,
      url,
      location,
      match: ownCopy(match),
      excerpt: ownCopy(excerpt),
      basis: meta.basis,
      evidence: t.evidence,
    };
    if (span.suggestion !== undefined) f.suggestion = ownCopy(span.suggestion);
    if (span.confidence !== undefined) f.confidence = span.confidence;
    return f;
  });
}

export function pageFindings(check: Check, spans: Span[], page: Page, sensitive?: readonly Span[]): Finding[] {
  return build(check, spans, {
    sensitive,
    siteId: page.siteId,
    url: page.url,
    text: page.text.text,
    page,
    evidence: { fetchedAt: page.fetchedAt, status: page.status, headers: pickHeaders(page.headers), sha256: page.sha256 },
  });
}

export function documentFindings(check: Check, spans: Span[], doc: DocumentFile, sensitive?: readonly Span[]): Finding[] {
  // Spans into an attachment point into one part's text each.
  const byPart = groupBy(spans, (s) => s.part ?? '');
  const out: Finding[] = [];
  for (const [part, list] of byPart) {
    const p = doc.parts.find((x) => x.part === part);
    const found = build(check, list, {
      sensitive: sensitive?.filter((x) => (x.part ?? '') === part),
      siteId: doc.siteId,
      url: doc.linkedFrom ?? doc.url,
      text: p?.text,
      attachment: doc.url,
      evidence: { fetchedAt: doc.fetchedAt, status: doc.status, headers: pickHeaders(doc.headers), sha256: doc.sha256 },
    });
    found.forEach((f, i) => {
      // A sheet's span is named by its cell (Sheet2!C7); hidden sheets, rows and columns mark it hidden.
      const start = list[i]!.start;
      const cell = start !== undefined ? p?.cells?.find((c) => start >= c.start && start < c.end) : undefined;
      if (cell) f.location.part = cell.ref;
      if (p?.hidden || cell?.hidden) f.location.hidden = true;
    });
    for (const f of found) out.push(f);
  }
  return out;
}

export function siteFindings(check: Check, spans: Span[], site: Site, fetchedAt: string): Finding[] {
  return build(check, spans, { siteId: site.id, url: site.urls[0] ?? site.id, evidence: { fetchedAt } });
}
