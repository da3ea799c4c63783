import { inject } from 'vitest';
import type { TestClusterInfo } from './types';

export type { TestClusterInfo } from './types';

declare module 'vitest' {
  interface ProvidedContext {
    testCluster: TestClusterInfo;
  }
}

/** The cluster started by test-rig/cluster/global-setup.ts for the `int` vitest project. */
export function testCluster(): TestClusterInfo {
  const info = inject('testCluster');
  if (!info) {
    throw new Error(
      'no test cluster was provided: run integration tests with `npx vitest run --project int`',
    );
  }
  return info;
}
