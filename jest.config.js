/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 30000,
  setupFiles: ['<rootDir>/test/helpers/single-thread-env.ts'],
  // Servers started by tests bind to loopback; run files in parallel but bounded for the 2-core machine.
  maxWorkers: 2,
};
