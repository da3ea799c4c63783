import { defineConfig } from 'vitest/config';

// The real thing: k3d with Traefik and the official images. Pulling images and installing
// WordPress takes minutes, so the timeouts are long. The plain-Node tests of the suite's own
// helpers (skip reasons, waiting for Traefik) run first and in seconds.
export default defineConfig({
  test: {
    include: ['e2e/k3d/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20 * 60_000,
    hookTimeout: 10 * 60_000,
    fileParallelism: false,
  },
});
