// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'xunjian-out/', '.xunjian/', 'pipelines/generated/', 'checks/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['checks/**/*.ts'],
    rules: {
      // Checks are pure analysis: no console, no clock of their own (see STYLE.md "Layers").
      'no-console': 'error',
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'use ctx.clock()' }],
      'no-restricted-imports': ['error', { patterns: ['node:fs', 'fs', 'node:http', 'undici', '**/pipelines/**'] }],
    },
  },
  {
    // Examples people copy into their own scripts (docs/examples): plain Node ESM.
    files: ['docs/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', AbortSignal: 'readonly' } },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
