import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Servers are spawned per test on port 0; two forks match the two cores here.
    pool: 'forks',
    maxWorkers: 2,
  },
});
