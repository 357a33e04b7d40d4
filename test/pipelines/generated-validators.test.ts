/**
 * pipelines/generated/ and checks/generated/ hold the configuration, export-record and wordlist
 * schemas compiled ahead of time:
 * compiling them again must give the committed code, so a schema change cannot ship with a
 * validator that still checks the old schema. The compiled code must also behave as the schema
 * does at start-up: defaults filled in, unknown keys and wrong types named by path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatorSources } from '../../pipelines/generate-validators';
import { parseConfig, ConfigError } from '../../pipelines/config';

describe('schemas compiled ahead of time', () => {
  const fresh = validatorSources();
  it.each(Object.keys(fresh))('%s is up to date (run `npm run validators`)', (file) => {
    expect(readFileSync(join(__dirname, '..', '..', file), 'utf8')).toBe(fresh[file]);
  });

  it('fills the schema\u2019s defaults into an empty configuration', () => {
    const cfg = parseConfig({}, '(test)');
    expect(cfg.sites).toEqual([]);
    expect(cfg.accounts).toEqual([]);
  });

  it('names an unknown key, a wrong type and a malformed pattern by path', () => {
    let err: unknown;
    try {
      parseConfig({ sites: [{ id: 's', url: 'https://a.gov.cn/', crawl: { maxPages: 'many', perOrign: 2, exclude: ['('] } }] }, 'x.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toMatch(/\/sites\/0\/crawl: unknown key "perOrign"/);
    expect(problems).toMatch(/\/sites\/0\/crawl\/maxPages: must be integer/);
    expect(problems).toMatch(/\/sites\/0\/crawl\/exclude\/0: must match format "regex"/);
  });
});
