import { defineConfig } from 'vitest/config';

// The real thing: k3d with Traefik, WooCommerce from the official images and Medusa from the
// image the app builds from images/medusa. Pulling images, installing WordPress and the first
// Medusa build take minutes, so the timeouts are long (the Medusa test sets its own, longer one).
// The plain-Node tests of the suite's own helpers (skip reasons, waiting for Traefik) run first
// and in seconds.
export default defineConfig({
  test: {
    include: ['e2e/k3d/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20 * 60_000,
    hookTimeout: 10 * 60_000,
    fileParallelism: false,
  },
});
