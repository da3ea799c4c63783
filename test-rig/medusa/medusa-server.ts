import { inject } from 'vitest';
import type { MedusaServerInfo } from './server';

export type { MedusaServerInfo } from './server';

declare module 'vitest' {
  interface ProvidedContext {
    medusaServer: MedusaServerInfo;
  }
}

/** The server started by test-rig/medusa/global-setup.ts for the `medusa` vitest project. */
export function medusaServer(): MedusaServerInfo {
  const info = inject('medusaServer');
  if (!info) {
    throw new Error(
      'no Medusa server was provided: run these tests with `npx vitest run --project medusa`',
    );
  }
  return info;
}
