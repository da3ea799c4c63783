// What the first-run screen and the banner know about this computer's programs, and the Helm
// download while it runs. Filled on demand (the first-run screen and the Helm banner ask).
import { create } from 'zustand';
import type { StorefleetApi } from '../../../../src-shared/ipc/contract';
import type { HelmInstallProgress, SystemCheck } from '../../../../src-shared/types/service-types';
import { errorMessage } from '../../api/error-message';
import { loadTools } from '../../state/actions';

export type HelmInstallState =
  | { state: 'idle' }
  | { state: 'running'; progress: HelmInstallProgress | null }
  | { state: 'failed'; message: string }
  | { state: 'cancelled' }
  | { state: 'done'; version: string | null };

interface SetupState {
  check: SystemCheck | null;
  checkError: string | null;
  checking: boolean;
  helmInstall: HelmInstallState;
}

const initial = (): SetupState => ({
  check: null,
  checkError: null,
  checking: false,
  helmInstall: { state: 'idle' },
});

export const useSetup = create<SetupState>()(() => initial());

export function resetSetup(): void {
  useSetup.setState(initial());
}

export async function loadSystemCheck(api: StorefleetApi): Promise<void> {
  useSetup.setState({ checking: true });
  try {
    useSetup.setState({ check: await api.systemCheck({}), checkError: null });
  } catch (error) {
    useSetup.setState({ checkError: errorMessage(error) });
  } finally {
    useSetup.setState({ checking: false });
  }
}

/**
 * Downloads the pinned Helm in main, following its progress; afterwards the tools and the system
 * check are read again so the banner and the first-run screen move on. Never rejects.
 */
export async function installHelm(api: StorefleetApi): Promise<void> {
  if (useSetup.getState().helmInstall.state === 'running') return;
  useSetup.setState({ helmInstall: { state: 'running', progress: null } });
  const off = api.on('helmInstallProgress', (progress) => {
    if (useSetup.getState().helmInstall.state === 'running') {
      useSetup.setState({ helmInstall: { state: 'running', progress } });
    }
  });
  try {
    const helm = await api.installHelm({});
    useSetup.setState({ helmInstall: { state: 'done', version: helm.version } });
  } catch (error) {
    const details = (error as { details?: { reason?: unknown } }).details;
    useSetup.setState({
      helmInstall:
        details?.reason === 'cancelled'
          ? { state: 'cancelled' }
          : { state: 'failed', message: errorMessage(error) },
    });
  } finally {
    off();
  }
  await Promise.all([loadTools(api).catch(() => undefined), loadSystemCheck(api)]);
}

export async function cancelHelmInstall(api: StorefleetApi): Promise<void> {
  await api.cancelHelmInstall({});
}

/** "4.2 of 16.0 MB" or "4.2 MB" when the size is not known. */
export function progressText(p: HelmInstallProgress): string {
  if (p.phase !== 'download') return p.message;
  const mb = (bytes: number): string => (bytes / 1_000_000).toFixed(1);
  const of = p.totalBytes
    ? `${mb(p.receivedBytes)} of ${mb(p.totalBytes)} MB`
    : `${mb(p.receivedBytes)} MB`;
  return `${p.message} ${of}.`;
}
