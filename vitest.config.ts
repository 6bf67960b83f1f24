import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // The real-browser suite runs on its own: npm run test:browser (vitest.browser.config.ts).
    exclude: ['**/node_modules/**', 'test/browser/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
