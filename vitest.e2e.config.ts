/**
 * Browser tests: Debian's Chromium (/usr/bin/chromium) driven by playwright-core against a real `wrangler dev`.
 * Plain Node: no Cloudflare plugin. Run with `npm run test:e2e`; screenshots go to test-results/screenshots/.
 * Test files are named *.e2e.ts so the workers-pool config (test/**\/*.test.ts) never picks them up.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    // wrangler dev and Chromium take a few seconds each to start; on a busy 2-core CI machine, much longer.
    hookTimeout: 180_000,
    testTimeout: 120_000,
    // One wrangler dev and one browser per file, and the scenarios of a file build on each other: nothing in parallel.
    fileParallelism: false,
    sequence: { concurrent: false, shuffle: false },
    maxWorkers: 1,
    retry: 0,
  },
});
