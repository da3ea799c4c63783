import { describe, expect, it } from 'vitest';
import { IpcError } from '../../src-shared/ipc/ipc-error';
import type { HelmInstallProgress, ToolInfo } from '../../src-shared/types/service-types';
import { HelmInstallError } from '../tools/helm-install';
import type { installHelm } from '../tools/helm-install';
import { createFirstRunService } from './first-run-service';

const helm: ToolInfo = {
  name: 'helm',
  path: '/d/bin/helm',
  version: 'v3.22.0',
  ok: true,
  problem: null,
};
const progress: HelmInstallProgress = {
  phase: 'download',
  version: '3.22.0',
  receivedBytes: 1,
  totalBytes: 2,
  message: 'Downloading Helm 3.22.0.',
};

function service(install: typeof installHelm, saved: string[] = []) {
  return createFirstRunService({
    dataDir: '/d',
    findHelm: () => Promise.resolve(helm),
    saveHelmPath: (path) => {
      saved.push(path);
      return Promise.resolve();
    },
    install,
  });
}

describe('first-run service', () => {
  it('saves the installed Helm as the app Helm and sends progress to every listener', async () => {
    const saved: string[] = [];
    const seen: HelmInstallProgress[][] = [[], []];
    const s = service((opts) => {
      opts.onProgress?.(progress);
      return Promise.resolve({ path: '/d/bin/helm', version: 'v3.22.0' });
    }, saved);
    const offs = seen.map((list) => s.onHelmInstallProgress((p) => list.push(p)));
    expect(await s.installHelm()).toEqual(helm);
    expect(saved).toEqual(['/d/bin/helm']);
    expect(seen).toEqual([[progress], [progress]]);
    offs.forEach((off) => off());
  });

  it('runs one download at a time, and cancel stops it as a sentence', async () => {
    let calls = 0;
    const s = service(
      (opts) =>
        new Promise((_resolve, reject) => {
          calls++;
          opts.signal?.addEventListener('abort', () =>
            reject(
              new HelmInstallError(
                'cancelled',
                'The Helm download was cancelled; nothing was installed.',
              ),
            ),
          );
        }),
    );
    const first = s.installHelm();
    const second = s.installHelm();
    s.cancelHelmInstall();
    const error = await first.catch((e: unknown) => e);
    expect(await second.catch((e: unknown) => e)).toBe(error);
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(IpcError);
    expect((error as IpcError).message).toBe(
      'The Helm download was cancelled; nothing was installed.',
    );
    expect((error as IpcError).details).toEqual({ reason: 'cancelled' });
  });
});
