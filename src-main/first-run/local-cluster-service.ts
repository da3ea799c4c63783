// The local-cluster part of the first-run services: one `k3d cluster create` at a time, its
// progress to every listener (each window or browser tab), cancel from anywhere; start, stop and
// delete of a k3d cluster. Failures reach the page as IpcErrors whose message is a sentence and
// whose details carry the reason (and, for a taken port, the port offered instead).
import type { LocalClusterProgress, ToolInfo } from '../../src-shared/types/service-types';
import type { ContextProbe } from '../../src-shared/types/service-types';
import { IpcError } from '../../src-shared/ipc/ipc-error';
import type { IpcErrorCode } from '../../src-shared/ipc/contract';
import {
  LocalClusterError,
  createLocalCluster,
  deleteLocalCluster,
  startLocalCluster,
  stopLocalCluster,
} from './k3d-cluster';
import type { CreateLocalClusterOptions, K3dRunOptions } from './k3d-cluster';

export interface LocalClusterService {
  /** creates the cluster, waits for it and selects `k3d-<name>`; answers with that context */
  createLocalCluster(arg: { name: string; httpPort?: number }): Promise<{ context: string }>;
  /** stops a running create; nothing happens when none runs */
  cancelLocalCluster(): void;
  startLocalCluster(name: string): Promise<null>;
  stopLocalCluster(name: string): Promise<null>;
  deleteLocalCluster(name: string): Promise<null>;
  onLocalClusterProgress(listener: (progress: LocalClusterProgress) => void): () => void;
}

export interface LocalClusterDeps {
  env?: NodeJS.ProcessEnv;
  findK3d: () => Promise<ToolInfo>;
  probe: (context: string) => Promise<ContextProbe>;
  selectContext: (context: string) => Promise<void>;
  /** keeps the host web port a cluster was made with, before its context is selected */
  recordPort?: (context: string, httpPort: number) => Promise<void>;
  log?: (line: string) => void;
  /** the create itself; replaced in tests of this service */
  create?: (opts: CreateLocalClusterOptions) => Promise<string>;
  run?: {
    start: typeof startLocalCluster;
    stop: typeof stopLocalCluster;
    delete: typeof deleteLocalCluster;
  };
}

const CODES: Record<LocalClusterError['reason'], IpcErrorCode> = {
  'port-taken': 'conflict',
  exists: 'conflict',
  'docker-down': 'unavailable',
  'not-ready': 'not-ready',
  cancelled: 'conflict',
  failed: 'unavailable',
  'bad-name': 'invalid-argument',
};

function toIpcError(error: unknown, log?: (line: string) => void): unknown {
  if (!(error instanceof LocalClusterError)) return error;
  log?.(`local cluster: ${error.reason}`);
  return new IpcError(CODES[error.reason], error.message, {
    reason: error.reason,
    ...(error.port ? { takenPort: error.port.taken, suggestedPort: error.port.suggested } : {}),
  });
}

export function createLocalClusterService(deps: LocalClusterDeps): LocalClusterService {
  const listeners = new Set<(progress: LocalClusterProgress) => void>();
  let running: {
    name: string;
    controller: AbortController;
    done: Promise<{ context: string }>;
  } | null = null;
  const create = deps.create ?? createLocalCluster;
  const run = deps.run ?? {
    start: startLocalCluster,
    stop: stopLocalCluster,
    delete: deleteLocalCluster,
  };

  const k3dPath = async (): Promise<string> => {
    const k3d = await deps.findK3d();
    if (!k3d.ok || !k3d.path) {
      throw new IpcError(
        'unavailable',
        k3d.problem ?? 'k3d was not found. Install k3d, then check again.',
        { reason: 'no-k3d' },
      );
    }
    return k3d.path;
  };

  const plain = async (
    command: (name: string, opts: K3dRunOptions) => Promise<string>,
    name: string,
  ): Promise<null> => {
    const path = await k3dPath();
    try {
      await command(name, { k3dPath: path, env: deps.env, timeoutMs: 5 * 60_000 });
      return null;
    } catch (error) {
      throw toIpcError(error, deps.log);
    }
  };

  return {
    createLocalCluster({ name, httpPort }) {
      if (running) {
        if (running.name === name) return running.done;
        return Promise.reject(
          new IpcError(
            'conflict',
            `The cluster ${running.name} is being created; wait for it or cancel it first.`,
          ),
        );
      }
      const controller = new AbortController();
      const done = (async () => {
        const path = await k3dPath();
        try {
          const context = await create({
            k3dPath: path,
            env: deps.env,
            name,
            httpPort,
            signal: controller.signal,
            probe: deps.probe,
            selectContext: async (context) => {
              await deps.recordPort?.(context, httpPort ?? 80);
              await deps.selectContext(context);
            },
            onProgress: (progress) => listeners.forEach((listener) => listener(progress)),
          });
          return { context };
        } catch (error) {
          throw toIpcError(error, deps.log);
        }
      })().finally(() => {
        running = null;
      });
      running = { name, controller, done };
      return done;
    },
    cancelLocalCluster() {
      running?.controller.abort();
    },
    startLocalCluster: (name) => plain(run.start, name),
    stopLocalCluster: (name) => plain(run.stop, name),
    deleteLocalCluster: (name) => plain(run.delete, name),
    onLocalClusterProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
