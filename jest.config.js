/** Jest runs TypeScript through SWC as native ESM (agenda 6 is ESM-only). */
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

/** How every jest run here loads TypeScript (jest.e2e.config.js reuses it). */
export const typeScriptEsm = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

export default {
  ...typeScriptEsm,
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
  testMatch: ['<rootDir>/tests/{unit,integration,embedded-db}/**/*.test.ts'],
  testTimeout: 30000,
};
