import { Download, LoaderCircle } from 'lucide-react';
import { useState } from 'react';
import type { SupportBundleFile } from '../../../../src-shared/ipc/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { Button } from '../ui/button';

/**
 * Hands the file to the host as a download: a browser saves it to its downloads, Electron asks
 * where to save it with its save dialog (its default for a download the app does not place).
 */
export function saveFile(file: SupportBundleFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once click returns; a moment later is safe everywhere.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function SupportBundleButton({
  storeId,
  save = saveFile,
}: {
  storeId: string;
  save?: (file: SupportBundleFile) => void;
}): React.JSX.Element {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const run = () => {
    setBusy(true);
    setError(null);
    setSaved(null);
    api
      .storeSupportBundle({ storeId })
      .then((file) => {
        save(file);
        setSaved(file.fileName);
      })
      .catch((e: unknown) => setError(`The support bundle could not be made. ${errorMessage(e)}`))
      .finally(() => setBusy(false));
  };

  return (
    <div className="flex flex-col gap-1">
      <Button data-testid="save-support-bundle" onClick={run} disabled={busy} aria-busy={busy}>
        {busy ? (
          <LoaderCircle aria-hidden size={14} className="animate-spin" />
        ) : (
          <Download aria-hidden size={14} />
        )}
        {busy ? 'Collecting logs, events and history…' : 'Save support bundle'}
      </Button>
      {saved ? (
        <p data-testid="support-bundle-saved" className="text-xs text-muted">
          Saved {saved}. Passwords and keys are blanked out.
        </p>
      ) : null}
      {error ? (
        <p role="alert" data-testid="support-bundle-error" className="text-xs text-failed">
          {error}
        </p>
      ) : null}
    </div>
  );
}
