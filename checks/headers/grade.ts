/**
 * headers.grade — the site's security-header grade, computed like the MDN HTTP Observatory
 * (algorithm v6; checks/headers/observatory.ts), with every deduction listed as evidence.
 */
import type { Severity, SiteCheck, Skipped, Span } from '../types';
import { observatoryGrade } from './observatory';

function severityFor(grade: string): Severity | undefined {
  if (grade.startsWith('A')) return undefined;
  if (grade.startsWith('B')) return 'low';
  if (grade === 'F') return 'high';
  return 'medium';
}

export const grade: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'headers.grade',
    family: 'headers',
    title: '安全响应头评级偏低 (security header grade below A)',
    severity: 'medium',
    duty: 'security',
    basis: 'GB/T 31506-2022 政务网站系统安全指南; MDN HTTP Observatory scoring, algorithm v6 (shared/reference/transport.md §2)',
    description:
      'Grades CSP, cookies, CORS, HTTP→HTTPS redirection, Referrer-Policy, HSTS, SRI, X-Content-Type-Options, ' +
      'X-Frame-Options, CORP, COEP and COOP with the Observatory\'s published score table (the HSTS preload list is not ' +
      'consulted). B grades are low, C/D medium, F high; A grades raise nothing.',
    fix: '按扣分项补充或修正安全响应头。 Add or fix the headers listed as deductions.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] | Skipped {
    const c = site.transport?.capture;
    if (!c) return { skipped: 'the site was not probed' };
    const g = observatoryGrade(c);
    if (!g) return { skipped: 'the homepage answered neither over http nor https' };
    const severity = severityFor(g.grade);
    if (!severity) return [];
    const deductions = g.tests.filter((t) => t.modifier < 0).map((t) => `${t.result} ${t.modifier}`);
    return [
      {
        target: c.auto!.finalUrl,
        severity,
        message: `安全响应头评级 ${g.grade}（${g.score} 分，Observatory v${g.algorithmVersion}，通过 ${g.testsPassed}/${g.testsQuantity}）；扣分：${deductions.join('；')}`,
        discriminator: g.grade,
      },
    ];
  },
};
