// The app's own wiring (createAppServices) on a fresh temp folder per test, shut down and
// removed after it; and a store removed from the shared test cluster, waited for until Deleted.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../src-shared/types/store-types';
import { createAppServices, type AppHandle } from '../src-main/app/create-app-services';

export interface AppServicesHarness {
  /** this test's temp folder; the app's HOME */
  dir(): string;
  /** the app's services with `env`, their data in dir()/data; shut down after the test */
  start(env: Record<string, string>): Promise<AppHandle>;
  /** cancels and deletes the store, then waits (90 s at most) until it is Deleted */
  removeStore(app: AppHandle, id: string): Promise<Store>;
}

async function until(read: () => Store, done: (s: Store) => boolean): Promise<Store> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const store = read();
    if (done(store) || Date.now() > deadline) return store;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Registers the per-test hooks: call at a test file's top level. */
export function appServicesHarness(prefix: string): AppServicesHarness {
  let dir = '';
  let app: AppHandle | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await app?.shutdown();
    app = undefined;
    await rm(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    start: async (env) => {
      await mkdir(join(dir, 'data'));
      app = await createAppServices({
        dataDir: join(dir, 'data'),
        env,
        home: dir,
        openExternal: () => Promise.resolve(),
        log: () => undefined,
      });
      return app;
    },
    removeStore: async ({ services }, id) => {
      await services.stores.cancel(id);
      await services.stores.delete(id);
      return until(
        () => services.stores.get(id).store,
        (s) => s.status === 'Deleted',
      );
    },
  };
}
