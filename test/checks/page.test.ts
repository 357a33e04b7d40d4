import { createHash } from 'node:crypto';
import { createPage } from '../../checks/page';
import { derivedOnce } from '../../checks/derived-once';
import { elements } from '../../checks/text/dom-walk';
import { sourcesOf } from '../../checks/dates/claims';

const html = '<html><head><title>通知</title><meta name="PubDate" content="2026-11-01"></head><body><p>发布时间：2026-11-01</p><a href="/a">一</a></body></html>';
const init = { siteId: 's', url: 'https://www.example.gov.cn/a.html', fetchedAt: '2026-11-02T00:00:00Z', contentType: 'html' as const, source: html, origin: 'crawl' as const };

describe('createPage', () => {
  it('hashes the body it is given, and the text as UTF-8 when given none', () => {
    const body = Buffer.from(html, 'utf8');
    const expected = createHash('sha256').update(body).digest('hex');
    expect(createPage({ ...init, body }).sha256).toBe(expected);
    expect(createPage(init).sha256).toBe(expected);
  });

  it('takes the hash a check thread is sent, and makes the body only when read', () => {
    const page = createPage({ ...init, sha256: 'f'.repeat(64) });
    expect(page.sha256).toBe('f'.repeat(64));
    expect(page.body.equals(Buffer.from(html, 'utf8'))).toBe(true);
  });

  it('parses once and reads its text from that DOM', () => {
    const page = createPage(init);
    expect(page.dom).toBe(page.dom);
    expect(page.text).toBe(page.text);
    expect(page.text.title).toBe('通知');
    expect(page.text.text).toContain('发布时间：2026-11-01');
  });
});

describe('derivedOnce', () => {
  it('derives a fact once per object', () => {
    const key = Symbol('k');
    const owner = {};
    let made = 0;
    expect(derivedOnce(owner, key, () => ++made)).toBe(1);
    expect(derivedOnce(owner, key, () => ++made)).toBe(1);
    expect(derivedOnce({}, key, () => ++made)).toBe(2);
  });

  it('keeps an undefined answer instead of asking again', () => {
    const key = Symbol('k');
    const owner = {};
    let asked = 0;
    derivedOnce(owner, key, () => void asked++);
    derivedOnce(owner, key, () => void asked++);
    expect(asked).toBe(1);
  });

  it('is not carried into a copy made by spreading, which derives its own', () => {
    const key = Symbol('k');
    const owner = { text: 'a' };
    derivedOnce(owner, key, () => owner.text);
    const variant = { ...owner, text: 'b' };
    expect(derivedOnce(variant, key, () => variant.text)).toBe('b');
  });

  it('serves the shared page facts: date sources and a document\'s element list', () => {
    const page = createPage(init);
    expect(sourcesOf(page)).toBe(sourcesOf(page));
    expect(sourcesOf(page).map((s) => s.source)).toEqual(expect.arrayContaining(['meta:PubDate']));
    const all = elements(page.dom);
    expect(elements(page.dom)).toBe(all);
    expect([...all].map((e) => e.name)).toEqual(['html', 'head', 'title', 'meta', 'body', 'p', 'a']);
  });
});
