/** RSS, Atom and JSON Feed read into one shape; a broken item is an error naming it, the rest are read. */
import { feedDate, parseFeed, sniffFeed } from '../../../pipelines/sources/feed/parse';

const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>示范市发布</title><link>https://mp.weixin.qq.com/</link>${items}</channel></rss>`;

describe('parseFeed', () => {
  it('reads RSSHub\'s RSS: guid, link, date, the post in description', () => {
    const f = parseFeed('f.xml', rss('<item><title>通知</title><link>https://mp.weixin.qq.com/s/a1</link><guid isPermaLink="false">a1</guid><pubDate>Mon, 16 Nov 2026 09:00:00 +0800</pubDate><description><![CDATA[<p>正文<img src="x.jpg"></p>]]></description><author>示范市发布</author></item>'));
    expect(f.format).toBe('rss');
    expect(f.title).toBe('示范市发布');
    expect(f.errors).toEqual([]);
    expect(f.items[0]).toMatchObject({ guid: 'a1', title: '通知', link: 'https://mp.weixin.qq.com/s/a1', publishedAt: '2026-11-16T01:00:00.000Z', html: '<p>正文<img src="x.jpg"></p>', summaryOnly: false, author: '示范市发布' });
  });
  it('reads an item whose date does not exist as undated, keeping the date as written for the report, and reads the others', () => {
    const f = parseFeed('f.xml', rss('<item><title>甲</title><guid>a</guid><pubDate>2026-02-30 09:00</pubDate><description>甲</description></item><item><title>乙</title><guid>b</guid><pubDate>2026年11月16日 09:00</pubDate><description>乙</description></item>'));
    expect(f.items.map((i) => [i.guid, i.publishedAt])).toEqual([['a', undefined], ['b', '2026-11-16T01:00:00.000Z']]);
    expect(f.items[0]!.rawDate).toBe('2026-02-30 09:00');
  });
  it('reads Atom entries with the alternate link and JSON Feed items', () => {
    const atom = parseFeed('a.xml', '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>微博</title><entry><id>tag:w,1</id><title>发布</title><link rel="self" href="https://x/self"/><link rel="alternate" href="https://weibo.com/1/a"/><published>2026-11-20T10:00:00+08:00</published><summary>摘要</summary></entry></feed>');
    expect(atom.items[0]).toMatchObject({ guid: 'tag:w,1', link: 'https://weibo.com/1/a', publishedAt: '2026-11-20T02:00:00.000Z', html: '摘要', summaryOnly: true });
    const json = parseFeed('j.json', JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: '抖音', items: [{ id: 7, url: 'https://www.douyin.com/video/7', title: '视频', content_text: '第一行\n第二行', date_published: '2026-11-21T08:00:00+08:00' }] }));
    expect(json.items[0]).toMatchObject({ guid: '7', html: '第一行<br>第二行', publishedAt: '2026-11-21T00:00:00.000Z' });
  });
  it('names a malformed item and reads the others', () => {
    const f = parseFeed('f.xml', rss('<item><title>好</title><guid>1</guid></item>\n<item><title>坏<b></title><guid>2</guid></item>\n<item><title>也好</title><guid>3</guid></item>'));
    expect(f.items.map((i) => i.guid)).toEqual(['1', '3']);
    expect(f.errors).toEqual([expect.objectContaining({ input: 'f.xml', record: 2, code: 'feed-xml', message: expect.stringMatching(/^item 2 \(line 2\)/) })]);
  });
  it('keeps the first of two items with one guid, and says so', () => {
    const f = parseFeed('f.xml', rss('<item><title>一</title><guid>d</guid></item><item><title>二</title><guid>d</guid></item>'));
    expect(f.items.map((i) => i.title)).toEqual(['一']);
    expect(f.errors[0]).toMatchObject({ record: 2, field: 'guid', code: 'feed-duplicate' });
  });
  it('says what is wrong with a document that is no feed at all', () => {
    expect(parseFeed('x.html', '<html><body>hi</body></html>').errors[0]).toMatchObject({ code: 'feed-format' });
    expect(parseFeed('x.json', '{"items": [1,').errors[0]).toMatchObject({ code: 'feed-json', message: expect.stringMatching(/^not JSON/) });
    expect(parseFeed('x.xml', '<rss><channel><title>x</channel>').errors[0]).toMatchObject({ code: 'feed-xml' });
  });
  it('reads RFC 822, RFC 3339 and a CMS\'s Beijing local time; not garbage', () => {
    expect(feedDate('Tue, 01 Dec 2026 08:00:00 GMT')).toBe('2026-12-01T08:00:00.000Z');
    expect(feedDate('2026-12-01 08:30')).toBe('2026-12-01T00:30:00.000Z');
    expect(feedDate('2026/12/1')).toBe('2026-11-30T16:00:00.000Z');
    expect(feedDate('昨天')).toBeUndefined();
    // Chinese and dotted dates are Beijing time too; Unix time as exports write it.
    expect(feedDate('2026年12月1日 08:30')).toBe('2026-12-01T00:30:00.000Z');
    expect(feedDate('2026年12月1日')).toBe('2026-11-30T16:00:00.000Z');
    expect(feedDate('2026.12.01')).toBe('2026-11-30T16:00:00.000Z');
    expect(feedDate('1796083200')).toBe('2026-12-01T00:00:00.000Z');
    expect(feedDate('1796083200000')).toBe('2026-12-01T00:00:00.000Z');
    // A date that does not exist is no date, not a crash.
    expect(feedDate('2026-13-45')).toBeUndefined();
    expect(feedDate('2026年2月30日')).toBeUndefined();
    expect(feedDate('2026-12-01 25:00')).toBeUndefined();
    expect(sniffFeed('\uFEFF  <?xml version="1.0"?><rss version="2.0">')).toBe('rss');
  });
  it('reads a feed of items that never close once: the closed ones, and each bad item named with its own line', () => {
    // Each unclosed <item> was searched from its start to the feed's end (100,000: 9 s on the old
    // reader, so this one's 200,000 would hold the run for half a minute).
    const good = '<item><title>甲</title><link>http://x.gov.cn/a.html</link><guid>a</guid></item>';
    const feed = parseFeed('x.xml', `<?xml version="1.0"?><rss version="2.0"><channel><title>示范市</title>\n${good}\n<item><title>乙</titl></item>\n${'<item>'.repeat(200_000)}`);
    expect(feed.title).toBe('示范市');
    expect(feed.items.map((i) => i.title)).toEqual(['甲']);
    expect(feed.errors.map((e) => [e.record, e.code, /\(line (\d+)\)/.exec(e.message)?.[1]])).toEqual([[2, 'feed-xml', '3']]);
    expect(parseFeed('x.xml', `<rss><channel>${'<title>'.repeat(200_000)}`).title).toBeUndefined();
  });
});
