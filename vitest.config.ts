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
          exclude: [
            '**/*.int.test.ts',
            '**/*.k3d.test.ts',
            '**/*.medusa.test.ts',
            '**/*.medusa-suite.test.ts',
            'node_modules/**',
          ],
          environment: 'node',
          // Beside the cluster tests, in the workers they leave idle while they wait.
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['src-renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          // Cluster tests mostly wait on the control plane, so three run at once even on two
          // cores; each test engine sees only its own stores (test-rig/engine/test-engine.ts).
          name: 'int',
          include: ['**/*.int.test.ts'],
          exclude: ['node_modules/**', 'e2e/k3d/**', 'test-rig/faults/**'],
          environment: 'node',
          globalSetup: ['test-rig/cluster/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          // The fault suite drives the app's own services, which import every store namespace
          // they find: it runs after the others, alone on the shared cluster.
          name: 'int-alone',
          include: ['test-rig/faults/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['test-rig/cluster/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          // One real Medusa backend (images/medusa on a throwaway PostgreSQL) for the project.
          // The suites that share it are one file (test-rig/medusa/shared-server.medusa.test.ts),
          // so they take one worker at a time; the project's files run beside the unit and
          // cluster tests, whose group sets the worker count.
          name: 'medusa',
          include: ['**/*.medusa.test.ts'],
          exclude: ['node_modules/**', 'images/medusa/**'],
          environment: 'node',
          globalSetup: ['test-rig/medusa/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
