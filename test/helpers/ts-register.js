/**
 * Lets a child process started by a test run the TypeScript sources directly (CommonJS), the
 * way ts-jest does for the test itself: each .ts file is transpiled on require, without checks.
 */
const ts = require('typescript');
const { readFileSync } = require('node:fs');

require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
  });
  module._compile(out.outputText, filename);
};
