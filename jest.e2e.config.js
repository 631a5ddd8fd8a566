/** Browser tests: the real server (dist/) and Debian's chromium; run with `npm run test:e2e`. */
import { typeScriptEsm } from './jest.config.js';

export default {
  ...typeScriptEsm,
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.ts'],
  testTimeout: 90000,
  maxWorkers: 1,
};
