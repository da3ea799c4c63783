import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src-main/**/*.test.ts',
            'src-preload/**/*.test.ts',
            'src-shared/**/*.test.ts',
            'test-rig/**/*.test.ts',
            'scripts/**/*.test.ts',
            'charts/**/*.test.ts',
            // the k3d suite's own helpers run in plain Node; the suite itself needs k3d
            'e2e/k3d/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/*.k3d.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['src-renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'int',
          include: ['**/*.int.test.ts'],
          exclude: ['node_modules/**', 'e2e/k3d/**'],
          environment: 'node',
          globalSetup: ['test-rig/cluster/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
