/**
 * Smoke tests against a real `wrangler dev` (workerd with production's flags, not the test pool's Node-compat ones).
 * Plain Node: no Cloudflare plugin. Run with `npm run test:smoke`.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/smoke/**/*.smoke.test.ts'],
    environment: 'node',
    // wrangler dev needs a few seconds to bundle and start workerd; on a busy 2-core CI machine, more.
    hookTimeout: 120_000,
    testTimeout: 30_000,
    // One wrangler dev per file; files must not race each other for ports and .wrangler/tmp.
    fileParallelism: false,
  },
});
