import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Unpack the browser once before any worker starts (parallel unpacks fail with ETXTBSY).
    globalSetup: ['tests/setup/global.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: browser tests in parallel files contend; keep it at two workers.
    maxWorkers: 2,
  },
});
