/**
 * What a key page looked like to one client (reference counterfeit-tamper.md §6): a desktop
 * browser, a phone, Baiduspider, and a desktop visitor arriving from a Baidu search. The retriever
 * (pipelines/probe/profiles.ts) fetches; this module reduces each response to what tamper.cloaking
 * compares, so a stored capture can be judged again offline.
 */
import { createPage } from '../page';
import { asciiHost, registrable } from '../counterfeit/hosts';
import { sentencesOf } from '../counterfeit/prints';
import { pageResources } from './resources';
import { spamWords } from './hidden-link';

export type ProfileName = 'desktop' | 'mobile' | 'spider' | 'search-visitor';

export const PROFILES: Record<ProfileName, { userAgent: string; referer?: (title: string) => string }> = {
  desktop: { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36' },
  mobile: { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1' },
  spider: { userAgent: 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)' },
  'search-visitor': {
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    referer: (title) => `https://www.baidu.com/s?wd=${encodeURIComponent(title)}`,
  },
};

export interface ProfileView {
  profile: ProfileName;
  status?: number;
  /** Where the client ended after redirects (HTTP and meta refresh). */
  finalUrl?: string;
  error?: string;
  title: string;
  /** Sentence hashes of the visible text (checks/counterfeit/prints.ts). */
  sentences: number[];
  /** Registrable domains the page links off the site. */
  linkDomains: string[];
  spam: string[];
}

export interface ProfileCapture {
  url: string;
  at: string;
  /** Views of the page as Chromium rendered it, scripts run (pipelines/probe/render.ts), not as fetched. */
  rendered?: true;
  views: ProfileView[];
}

/** Reduce one profile's response to what the comparison needs. */
export function viewOf(profile: ProfileName, url: string, finalUrl: string, status: number, html: string): ProfileView {
  const page = createPage({ siteId: 'profile', url: finalUrl, contentType: 'html', source: html, origin: 'crawl', fetchedAt: '' });
  const own = registrable(asciiHost(new URL(url).hostname));
  const res = pageResources(page);
  const text = page.text.text;
  return {
    profile, status, finalUrl, title: page.text.title,
    sentences: sentencesOf(text).map((s) => s.hash),
    linkDomains: [...new Set(res.links.map((l) => l.domain).filter((d) => d !== own))].sort(),
    spam: spamWords(`${page.text.title}\n${text.slice(0, 200_000)}`),
  };
}
