/**
 * dates.source-mismatch — the page's own date sources disagree: the meta PubDate and the visible
 * date by more than a day, or a claimed date before the date the CMS put in the URL when the
 * article was created (S6, S15 in dates.md). A URL date before the claim is normal (drafts). And
 * the page's file older than the date it claims (S8, S9): the server's Last-Modified more than a
 * day before it, or the sitemap's lastmod more than two — the page existed before the day it says
 * it was published (an old article dated forward). A file newer than its claim is normal (a
 * template rebuilt every night), so only the early side counts. And the 索引号 (S14): the 信息公开
 * catalogue numbers an item by the year it was entered (01527918X-2020-153077); an item numbered in
 * a later year than the date it claims was entered after that year was over. The other way round is
 * normal (an item numbered by its 成文 year, published early the next).
 */
/** 索引号：<organisation code>-<year>-<sequence> (also / or _ between). */
const INDEX_NUMBER = /索引号\s*[:：]?\s*[0-9A-Za-z]{5,20}[-/_]((?:19|20)\d{2})[-/_]\d{1,8}(?![0-9])/;
/** A claim dated in the last days of December may be a late-night slip into the new year's numbering. */
const YEAR_END_GRACE = '12-29';
import type { PageCheck, Span } from '../types';
import { beijingDay, daysBetween } from './parse';
import { evidence, sourcesOf } from './claims';

export const sourceMismatch: PageCheck = {
  kind: 'page',
  meta: {
    id: 'dates.source-mismatch',
    family: 'dates',
    title: '页面日期互相矛盾 (date sources disagree)',
    severity: 'medium',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 (伪造发稿日期) — supporting evidence; 网页元数据 PubDate',
    description:
      'meta PubDate (or the export field) and the visible 发布日期 differ by more than one day; or the visible/claimed date ' +
      'is more than one day before the creation date in a TRS, Hanweb or gov.cn URL; or the claimed date is more than a day after ' +
      'the server\u2019s Last-Modified for the page (low: more than two days after the sitemap\u2019s lastmod) — the page existed ' +
      'before the day it claims; or the 索引号 numbers the item in a later year than the one it claims (entered after that year). ' +
      'Supporting evidence, not proof.',
    fix: '统一页面元数据、页面显示与URL中的日期。 Make the metadata, visible and URL dates agree.',
    version: 1,
    sensitive: false,
  },
  run(page): Span[] {
    const sources = sourcesOf(page);
    const meta = sources.find((s) => s.source === 'export' || s.source.startsWith('meta:'));
    const byline = sources.find((s) => s.source === 'byline');
    const url = sources.find((s) => s.source === 'url');
    const out: Span[] = [];
    if (meta && byline && Math.abs(daysBetween(meta.value, byline.value)) > 1) {
      out.push({ target: byline.value, message: `${meta.source} ${meta.value.slice(0, 10)} 与页面显示日期 ${byline.value.slice(0, 10)} 不一致。${evidence(sources)}`, discriminator: 'meta-visible' });
    }
    const claim = byline ?? meta;
    if (claim && url && daysBetween(claim.value, url.value) > 1) {
      out.push({ target: claim.value, message: `发布日期 ${claim.value.slice(0, 10)} 早于URL中的创建日期 ${url.value.slice(0, 10)}。${evidence(sources)}`, discriminator: 'before-url' });
    }
    const lastModified = sources.find((s) => s.source === 'http:last-modified');
    if (claim && lastModified && daysBetween(lastModified.value, claim.value) > 1) {
      out.push({ target: claim.value, message: `发布日期 ${claim.value.slice(0, 10)} 晚于服务器所报页面文件的最后修改时间 ${lastModified.value.slice(0, 10)}（Last-Modified）：页面在其所称发布日期之前已存在。${evidence(sources)}`, discriminator: 'after-last-modified' });
    }
    const lastmod = sources.find((s) => s.source === 'sitemap:lastmod');
    if (claim && lastmod && daysBetween(lastmod.value, claim.value) > 2) {
      out.push({ target: claim.value, severity: 'low', message: `发布日期 ${claim.value.slice(0, 10)} 晚于站点地图所列的更新日期 ${lastmod.value.slice(0, 10)}（sitemap lastmod）。${evidence(sources)}`, discriminator: 'after-sitemap-lastmod' });
    }
    const index = claim ? INDEX_NUMBER.exec(page.text.text) : null;
    if (claim && index) {
      const day = beijingDay(claim.value);
      const entered = Number(index[1]);
      if (entered > Number(day.slice(0, 4)) && day.slice(5) < YEAR_END_GRACE) {
        out.push({ target: claim.value, message: `发布日期 ${day} 早于索引号所示的编号年份 ${entered} 年（索引号按录入年份编号）：信息在其所称发布日期之后才录入。${evidence(sources)}`, discriminator: 'before-index-year' });
      }
    }
    return out;
  },
};
