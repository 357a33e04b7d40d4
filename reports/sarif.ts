/** SARIF 2.1.0, so code-scanning dashboards can show findings; fingerprints keep them stable. */
import type { Severity } from '../checks/types';
import type { RunResult } from '../pipelines/run';
import { CHECKS } from '../checks/registry';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

export function renderSarif(r: RunResult, version: string): string {
  const used = new Set(r.findings.map((f) => f.rule));
  const rules = CHECKS.filter((c) => used.has(c.meta.id)).map((c) => ({
    id: c.meta.id,
    name: c.meta.id,
    shortDescription: { text: c.meta.title },
    fullDescription: { text: c.meta.description },
    help: { text: `${c.meta.fix}\n\nBasis: ${c.meta.basis}` },
    properties: { duty: c.meta.duty, family: c.meta.family },
  }));
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'xunjian', version, rules } },
        results: r.findings.map((f) => ({
          ruleId: f.rule,
          level: LEVEL[f.severity],
          message: { text: `${f.title}${f.match ? `: ${f.match}` : ''}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.location.attachment ?? f.url },
                ...(f.location.start !== undefined
                  ? { region: { charOffset: f.location.start, charLength: (f.location.end ?? f.location.start) - f.location.start, snippet: { text: f.excerpt } } }
                  : {}),
              },
            },
          ],
          partialFingerprints: { 'xunjian/v1': f.id },
          properties: { severity: f.severity, duty: f.duty, basis: f.basis },
        })),
      },
    ],
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
