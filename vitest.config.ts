import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('migrations'),
          SESSION_SECRET: 'test-session-secret',
          ALLOW_DEMO_TOKENS: 'true',
        },
      },
    }),
  ],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/smoke/**', 'node_modules/**'],
    setupFiles: ['./test/support/apply-migrations.ts'],
  },
}));
