// The app's real services and IPC dispatch on a data dir, against the test cluster: what the
// Electron shell and the browser host run, minus the window.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createAppServices, type AppHandle } from '../../src-main/app/create-app-services';
import { createDispatch, type Dispatch } from '../../src-main/ipc/dispatch';
import type { FaultEnv } from './fault-env';

export interface FaultApp extends AppHandle {
  dispatch: Dispatch;
  dbFile: string;
  /** method and error name of every call dispatch reported as internal or unavailable */
  internalErrors: string[];
  logs: string[];
}

export async function startApp(env: FaultEnv, dataDir: string): Promise<FaultApp> {
  const home = join(dataDir, 'home');
  await mkdir(home, { recursive: true });
  const logs: string[] = [];
  const app = await createAppServices({
    dataDir,
    env: { PATH: env.cluster.binDir, KUBECONFIG: env.cluster.kubeconfigPath, HOME: home },
    home,
    openExternal: () => Promise.resolve(),
    storefrontPort: env.standIn.port,
    log: (line) => {
      logs.push(line);
      env.log(`  app: ${line}`);
    },
  });
  const internalErrors: string[] = [];
  const dispatch = createDispatch(app.services, {
    onInternalError: (method, name) => internalErrors.push(`${method}: ${name}`),
  });
  return { ...app, dispatch, dbFile: join(dataDir, 'storefleet.db'), internalErrors, logs };
}
