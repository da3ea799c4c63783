import { EyeOff, KeyRound } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { StoreCredentials } from '../../../../src-shared/types/service-types';
import type { StoreKind } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { Button } from '../ui/button';
import { CopyButton } from '../ui/copy-button';

export const CREDENTIALS_VISIBLE_MS = 30_000;

/**
 * Reveals the admin login of a Ready store. The password lives only in this component's state:
 * it is dropped on hide, after CREDENTIALS_VISIBLE_MS, and when the component unmounts (panel
 * closed or the store leaves Ready).
 */
export function CredentialsPanel({
  storeId,
  kind = 'woocommerce',
}: {
  storeId: string;
  kind?: StoreKind;
}): React.JSX.Element {
  const api = useApi();
  const [creds, setCreds] = useState<StoreCredentials | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<'username' | 'password' | 'key' | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    if (!creds) return;
    const timer = setTimeout(() => setCreds(null), CREDENTIALS_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [creds]);

  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.revealCredentials({ storeId });
      // A reply that lands after the panel closed must not be kept anywhere.
      if (alive.current) setCreds(result);
    } catch (e) {
      if (alive.current) setError(errorMessage(e));
    } finally {
      if (alive.current) setBusy(false);
    }
  };

  const copy = async (field: 'username' | 'password' | 'key', text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(field);
      setTimeout(() => alive.current && setCopied(null), 1500);
    } catch {
      setError('Could not copy to the clipboard. Select the text and copy it instead.');
    }
  };

  if (!creds) {
    return (
      <div className="flex flex-col gap-1.5">
        <Button
          data-testid="reveal-credentials"
          onClick={() => void reveal()}
          disabled={busy}
          className="self-start"
        >
          <KeyRound aria-hidden size={14} />
          {busy ? 'Reading…' : 'Reveal admin login'}
        </Button>
        {error ? (
          <p className="text-failed" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-1.5" data-testid="credentials">
      {/* A <dl> holds only name/value groups; each copy button sits in its own <dd>. */}
      <dl className="grid grid-cols-[6rem_1fr_auto] items-center gap-x-2 gap-y-1">
        <div className="contents">
          <dt className="text-muted">{kind === 'medusa' ? 'Email' : 'Username'}</dt>
          <dd className="truncate font-mono" data-testid="credentials-username">
            {creds.username}
          </dd>
          <dd>
            <CopyButton
              label={kind === 'medusa' ? 'Copy email' : 'Copy username'}
              done={copied === 'username'}
              onCopy={() => void copy('username', creds.username)}
            />
          </dd>
        </div>
        <div className="contents">
          <dt className="text-muted">Password</dt>
          <dd className="truncate font-mono select-all" data-testid="credentials-password">
            {creds.password}
          </dd>
          <dd>
            <CopyButton
              label="Copy password"
              done={copied === 'password'}
              onCopy={() => void copy('password', creds.password)}
            />
          </dd>
        </div>
        {creds.publishableKey ? (
          <div className="contents">
            <dt className="text-muted" title="For the Store API's x-publishable-api-key header">
              Publishable key
            </dt>
            <dd className="truncate font-mono select-all" data-testid="credentials-publishable-key">
              {creds.publishableKey}
            </dd>
            <dd>
              <CopyButton
                label="Copy publishable key"
                done={copied === 'key'}
                onCopy={() => void copy('key', creds.publishableKey ?? '')}
              />
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="flex items-center gap-2 text-xs text-muted">
        <Button variant="ghost" onClick={() => setCreds(null)} data-testid="hide-credentials">
          <EyeOff aria-hidden size={14} /> Hide
        </Button>
        Hidden again after {CREDENTIALS_VISIBLE_MS / 1000} s.
      </div>
      {error ? (
        <p className="text-failed" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
