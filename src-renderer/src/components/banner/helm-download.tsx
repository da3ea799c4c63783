// The "Download Helm" control: the button, then the download's progress with Cancel, then what
// happened. Shared by the banner and the first-run screen; the download itself runs in main.
import { useEffect } from 'react';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { loadTools } from '../../state/actions';
import { Button } from '../ui/button';
import {
  cancelHelmInstall,
  installHelm,
  loadSystemCheck,
  progressText,
  useSetup,
} from './setup-state';

export function HelmDownload({
  onError,
  primary = false,
}: {
  onError: (message: string) => void;
  primary?: boolean;
}): React.JSX.Element {
  const api = useApi();
  const install = useSetup((s) => s.helmInstall);
  const check = useSetup((s) => s.check);
  useEffect(() => {
    if (!useSetup.getState().check && !useSetup.getState().checking) void loadSystemCheck(api);
  }, [api]);
  const version = check?.helmDownload?.version;

  if (install.state === 'running') {
    const p = install.progress;
    const percent =
      p?.phase === 'download' && p.totalBytes
        ? Math.round((p.receivedBytes / p.totalBytes) * 100)
        : undefined;
    return (
      <div className="flex items-center gap-2" data-testid="helm-download">
        <progress
          aria-label="Helm download"
          max={100}
          value={percent}
          className="h-1.5 w-28 accent-accent"
        />
        <span role="status" className="text-muted">
          {p ? progressText(p) : 'Starting the Helm download.'}
        </span>
        <Button
          onClick={() => cancelHelmInstall(api).catch((e: unknown) => onError(errorMessage(e)))}
        >
          Cancel
        </Button>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="helm-download">
      {install.state === 'failed' ? (
        <span role="status" className="text-failed">
          {install.message}
        </span>
      ) : null}
      {install.state === 'cancelled' ? (
        <span role="status" className="text-muted">
          The Helm download was cancelled; nothing was installed.
        </span>
      ) : null}
      {install.state === 'done' ? (
        <span role="status" className="text-muted">
          Helm {install.version ?? ''} is installed.
        </span>
      ) : null}
      {version ? (
        <Button variant={primary ? 'primary' : 'secondary'} onClick={() => void installHelm(api)}>
          {install.state === 'failed' ? 'Try the download again' : `Download Helm ${version}`}
        </Button>
      ) : null}
      <Button
        onClick={() => {
          loadTools(api).catch((e: unknown) => onError(errorMessage(e)));
          void loadSystemCheck(api);
        }}
      >
        Check again
      </Button>
    </div>
  );
}
