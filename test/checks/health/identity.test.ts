/** health.identity: the identity marks of the site's own pages — present, well formed, agreeing, as configured. */
import { createPage } from '../../../checks/page';
import { pageDatesOf } from '../../../checks/dates/page-dates';
import { emptySurvey, identityRecord, surveyPage, type IdentitySurvey } from '../../../checks/health/identity-survey';
import { identity } from '../../../checks/health/identity';
import type { Site, Span } from '../../../checks/types';
import { FIXED_NOW, testContext, testSite } from '../../helpers/context';

const HOME = 'https://www.shifan.gov.cn/';
const CONAC = `<script>document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='http://dcs.conac.cn/js/45/000/0000/40001234/CA450000000400012340001.js' type='text/javascript'%3E%3C/script%3E"));</script>`;

function footer(o: { code?: string; meta?: string; jiucuo?: string; icp?: string; psb?: string; conac?: boolean } = {}): string {
  const code = o.code ?? '4501000001';
  return `<html><head><title>首页_示范市人民政府</title><meta name="SiteIDCode" content="${o.meta ?? code}"></head><body><ul><li>通知 2026-11-20</li><li>公告 2026-11-19</li><li>动态 2026-11-18</li></ul>
<div class="foot">主办：示范市人民政府办公室 网站标识码：${code} ${o.icp ?? '桂ICP备05001234号-1'} ${o.psb ?? '桂公网安备 45010002000001号'}
${o.conac === false ? '' : CONAC}<script id="_jiucuo_" sitecode='${o.jiucuo ?? code}' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></script></div></body></html>`;
}

function survey(pages: [string, string][]): IdentitySurvey {
  const s = emptySurvey();
  for (const [url, source] of pages) {
    const page = createPage({ siteId: 's', url, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source, origin: 'crawl' });
    surveyPage(s, page, pageDatesOf(page), [HOME]);
  }
  return s;
}

const configured: Partial<Site> = { urls: [HOME], siteCode: '4501000001', icp: '桂ICP备05001234号', psb: '桂公网安备45010002000001号' };
const run = (pages: [string, string][], over: Partial<Site> = configured) => identity.run(testSite({ ...over, identity: survey(pages) }), testContext()) as Span[];
const ids = (r: Span[]) => r.map((s) => s.discriminator);

describe('health.identity', () => {
  it('passes a homepage with every mark, agreeing and as configured', () => {
    expect(run([[HOME, footer()]])).toEqual([]);
  });
  it('names every mark missing from the homepage', () => {
    const bare = '<html><head><title>首页</title></head><body><p>示范市人民政府</p></body></html>';
    const r = run([[HOME, bare]], { urls: [HOME] });
    expect(r).toEqual([expect.objectContaining({ discriminator: 'missing', message: '首页缺少网站标识码、ICP备案号、公安机关备案号、“我为政府网站找错”入口、党政机关网站标识（CONAC）' })]);
    expect(r[0]!.severity).toBeUndefined();
    const conacOnly = run([[HOME, footer({ conac: false })]]);
    expect(conacOnly).toEqual([expect.objectContaining({ discriminator: 'missing', severity: 'low' })]);
  });
  it('finds footer, meta and 找错 widget disagreeing, and codes not the configured one (high)', () => {
    const r = run([[HOME, footer({ meta: '4501000002', jiucuo: '4501000003' })]]);
    expect(ids(r)).toEqual(expect.arrayContaining(['inconsistent|site-code', 'mismatch|site-code|4501000002', 'mismatch|site-code|4501000003']));
    expect(r.find((s) => s.discriminator === 'mismatch|site-code|4501000002')?.severity).toBe('high');
    expect(r.find((s) => s.discriminator === 'inconsistent|site-code')?.message).toMatch(/SiteIDCode 标签/);
  });
  it('flags a site code whose region prefix is no province, and ICP/公安 numbers not the configured ones', () => {
    const r = run([[HOME, footer({ code: '9901000001', icp: '桂ICP备05009999号', psb: '桂公网安备45010002000002号' })]]);
    expect(ids(r)).toEqual(expect.arrayContaining(['malformed|site-code|9901000001', 'mismatch|icp|桂ICP备05009999号', 'mismatch|psb|桂公网安备45010002000002号']));
    expect(r.find((s) => s.discriminator === 'malformed|site-code|9901000001')?.message).toMatch(/99 不是省级行政区划代码/);
  });
  it('flags a 公安 number from another province and a filing written without 备', () => {
    const r = run([[HOME, footer({ psb: '桂公网安备 11010002000001号', icp: '桂ICP05001234号' })]], { urls: [HOME] });
    expect(ids(r)).toEqual(expect.arrayContaining(['malformed|psb|桂公网安备11010002000001号', 'malformed|filing|桂ICP05001234号', 'missing']));
  });
  it('accepts bm codes of 国务院部门 and a template that has no configured values to compare', () => {
    expect(run([[HOME, footer({ code: 'bm99000001' })]], { urls: [HOME] })).toEqual([]);
  });
  it('reports marks changed since the previous run', () => {
    const before = identityRecord(survey([[HOME, footer()]]));
    const r = identity.run(testSite({ urls: [HOME], identity: survey([[HOME, footer({ code: '4501000009' })]]), identityBefore: { observedAt: '2026-11-20T16:30:00Z', record: before } }), testContext()) as Span[];
    expect(r.find((s) => s.discriminator === 'changed')?.message).toMatch(/2026-11-21.*网站标识码由「4501000001」变为「4501000009」/);
  });
  it('skips a run without whole pages of the site', () => {
    expect(identity.run(testSite(), testContext())).toEqual({ skipped: expect.any(String) });
  });
});
