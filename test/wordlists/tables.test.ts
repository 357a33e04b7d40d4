/**
 * The shipped tables the wording rules load without a schema pass (leaders, institutions, 规范表述)
 * validate against their schemas: checked here once instead of at every process and thread start.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';

const DIR = join(__dirname, '..', '..', 'wordlists');
const read = (f: string): unknown => JSON.parse(readFileSync(join(DIR, f), 'utf8'));

describe.each([
  ['leaders.json', 'leaders.schema.json'],
  ['institutions.json', 'institutions.schema.json'],
  ['canonical-phrases.json', 'canonical-phrases.schema.json'],
])('wordlists/%s', (file, schemaFile) => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(read(schemaFile) as object);
  it(`validates against ${schemaFile}`, () => {
    expect(validate(read(file)) ? [] : validate.errors).toEqual([]);
  });
  it('and the schema would catch a table broken by hand', () => {
    const broken = read(file) as Record<string, unknown>;
    for (const k of Object.keys(broken)) if (Array.isArray(broken[k])) broken[k] = [{ unexpected: 1 }];
    expect(validate(broken)).toBe(false);
  });
});
