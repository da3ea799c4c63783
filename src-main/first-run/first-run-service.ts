// The first-run part of the app's services: what is installed, and Helm fetched without a
// terminal. One Helm download at a time; its progress goes to every listener (each window or
// browser tab), and cancel stops it wherever it is.
import type {
  HelmInstallProgress,
  SystemCheck,
  ToolInfo,
} from '../../src-shared/types/service-types';
import { IpcError } from '../../src-shared/ipc/ipc-error';
import { HelmInstallError, installHelm } from '../tools/helm-install';
import type { HelmInstallOptions } from '../tools/helm-install';
import { systemCheck } from './system-check';
import type { SystemCheckDeps } from './system-check';

export interface FirstRunService {
  systemCheck(): Promise<SystemCheck>;
  /** downloads, verifies and saves the pinned Helm; answers with the app's Helm afterwards */
  installHelm(): Promise<ToolInfo>;
  /** stops a running Helm download; nothing happens when none runs */
  cancelHelmInstall(): void;
  onHelmInstallProgress(listener: (progress: HelmInstallProgress) => void): () => void;
}

export interface FirstRunDeps extends SystemCheckDeps {
  dataDir: string;
  /** https://get.helm.sh unless set (tests serve the files themselves) */
  helmBaseUrl?: string;
  /** makes the installed Helm the app's Helm (the settings' Helm path) */
  saveHelmPath: (path: string) => Promise<void>;
  log?: (line: string) => void;
  /** the install itself; replaced in tests of this service */
  install?: typeof installHelm;
  stallMs?: number;
}

export function createFirstRunService(deps: FirstRunDeps): FirstRunService {
  const listeners = new Set<(progress: HelmInstallProgress) => void>();
  let running: { controller: AbortController; done: Promise<ToolInfo> } | null = null;
  const install = deps.install ?? installHelm;

  const run = async (controller: AbortController): Promise<ToolInfo> => {
    const opts: HelmInstallOptions = {
      dataDir: deps.dataDir,
      platform: deps.platform,
      arch: deps.arch,
      env: deps.env,
      baseUrl: deps.helmBaseUrl,
      signal: controller.signal,
      stallMs: deps.stallMs,
      onProgress: (progress) => listeners.forEach((listener) => listener(progress)),
    };
    try {
      const installed = await install(opts);
      await deps.saveHelmPath(installed.path);
      return await deps.findHelm();
    } catch (error) {
      if (error instanceof HelmInstallError) {
        deps.log?.(`Helm download: ${error.reason}`);
        throw new IpcError(
          error.reason === 'cancelled' ? 'conflict' : 'unavailable',
          error.message,
          { reason: error.reason },
        );
      }
      throw error;
    }
  };

  return {
    systemCheck: () => systemCheck(deps),
    installHelm() {
      // A second click (or a second window) joins the download that runs.
      if (running) return running.done;
      const controller = new AbortController();
      const done = run(controller).finally(() => {
        running = null;
      });
      running = { controller, done };
      return done;
    },
    cancelHelmInstall() {
      running?.controller.abort();
    },
    onHelmInstallProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
