import { Database, EyeOff, KeyRound, Unplug } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { StoreDbConnection } from '../../../../src-shared/ipc/contract';
import type { Store } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { CREDENTIALS_VISIBLE_MS } from '../store-page/credentials-panel';
import { useApp } from '../../state/app-store';
import { Button } from '../ui/button';
import { CopyButton } from '../ui/copy-button';
import { ENGINE_LABEL, connectionCommand } from './connection-command';
import { useDbForwards } from './forward-state';

type Field = 'host' | 'port' | 'database' | 'user' | 'password' | 'command';

/**
 * "Connect to database": a port-forward from a loopback port to the store's database, shown
 * with what a client needs. The forward is kept in ./forward-state, so it stays open across the
 * page's tabs; DatabaseForwardKeeper renews it and closes it with the store page or when the
 * store leaves Ready; Disconnect closes it at once. The password follows the admin login's
 * reveal rules: read on an explicit click, kept only in this component's state, dropped on hide,
 * after CREDENTIALS_VISIBLE_MS and on unmount.
 */
export function DatabasePanel({ store }: { store: Store }): React.JSX.Element {
  const api = useApi();
  const storeId = store.id;
  const connection = useDbForwards((s) => s.byStore[storeId]) ?? null;
  const setConnection = (c: StoreDbConnection | null) => useDbForwards.getState().set(storeId, c);
  const [password, setPassword] = useState<string | null>(null);
  const [busy, setBusy] = useState<'connect' | 'disconnect' | 'reveal' | 'copy' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<Field | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    if (password === null) return;
    const timer = setTimeout(() => setPassword(null), CREDENTIALS_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [password]);

  // A forward that went (renewal failed, another tab disconnected) takes its password along.
  useEffect(() => {
    if (!connection) setPassword(null);
  }, [connection]);

  const connect = async () => {
    setBusy('connect');
    setError(null);
    try {
      const opened = await api.connectStoreDatabase({ storeId });
      // The store page closed (or moved to another store) while it opened: nobody holds it.
      if (useApp.getState().openStoreId !== storeId) {
        api.disconnectStoreDatabase({ storeId }).catch(() => undefined);
        return;
      }
      setConnection(opened);
    } catch (e) {
      if (alive.current) setError(errorMessage(e));
    } finally {
      if (alive.current) setBusy(null);
    }
  };

  const disconnect = async () => {
    setBusy('disconnect');
    setError(null);
    setPassword(null);
    setConnection(null);
    try {
      await api.disconnectStoreDatabase({ storeId });
    } catch (e) {
      if (alive.current) setError(errorMessage(e));
    } finally {
      if (alive.current) setBusy(null);
    }
  };

  const readPassword = async (): Promise<string | null> => {
    try {
      const { password: read } = await api.revealStoreDatabasePassword({ storeId });
      return read;
    } catch (e) {
      if (alive.current) setError(errorMessage(e));
      return null;
    }
  };

  const reveal = async () => {
    setBusy('reveal');
    setError(null);
    const read = await readPassword();
    // A reply that lands after the panel closed must not be kept anywhere.
    if (alive.current) {
      if (read !== null) setPassword(read);
      setBusy(null);
    }
  };

  const copy = async (field: Field, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      if (!alive.current) return;
      setCopied(field);
      setTimeout(() => alive.current && setCopied(null), 1500);
    } catch {
      if (alive.current)
        setError('Could not copy to the clipboard. Select the text and copy it instead.');
    }
  };

  // Copying reads the password for the clipboard only; it is not shown or kept.
  const copyPassword = async () => {
    if (password !== null) return copy('password', password);
    setBusy('copy');
    setError(null);
    const read = await readPassword();
    if (!alive.current) return;
    setBusy(null);
    if (read !== null) await copy('password', read);
  };

  const alert = error ? (
    <p className="text-failed" role="alert" data-testid="database-error">
      {error}
    </p>
  ) : null;

  if (store.status !== 'Ready') {
    return (
      <section aria-label="Database" className="flex flex-col gap-1.5">
        <h3 className="font-semibold">Database</h3>
        <p className="text-muted">Available once the store is Ready.</p>
      </section>
    );
  }

  if (!connection) {
    return (
      <section aria-label="Database" className="flex flex-col gap-1.5">
        <h3 className="font-semibold">Database</h3>
        <Button
          data-testid="connect-database"
          onClick={() => void connect()}
          disabled={busy !== null}
          className="self-start"
        >
          <Database aria-hidden size={14} />
          {busy === 'connect' ? 'Connecting…' : 'Connect to database'}
        </Button>
        {alert}
      </section>
    );
  }

  const rows: { field: Field; label: string; value: string }[] = [
    { field: 'host', label: 'Host', value: connection.host },
    { field: 'port', label: 'Port', value: String(connection.port) },
    { field: 'database', label: 'Database', value: connection.database },
    { field: 'user', label: 'User', value: connection.user },
  ];
  return (
    <section
      aria-label="Database"
      className="flex flex-col gap-1.5"
      data-testid="database-connection"
    >
      <h3 className="font-semibold">Database</h3>
      <p className="text-xs text-muted">
        {ENGINE_LABEL[connection.engine]} is forwarded to this computer while this page is open.
      </p>
      <dl className="grid grid-cols-[6rem_1fr_auto] items-center gap-x-2 gap-y-1">
        {rows.map((row) => (
          <div className="contents" key={row.field}>
            <dt className="text-muted">{row.label}</dt>
            <dd className="truncate font-mono select-all" data-testid={`database-${row.field}`}>
              {row.value}
            </dd>
            <dd>
              <CopyButton
                label={`Copy ${row.label.toLowerCase()}`}
                done={copied === row.field}
                onCopy={() => void copy(row.field, row.value)}
              />
            </dd>
          </div>
        ))}
        <div className="contents">
          <dt className="text-muted">Password</dt>
          <dd className="truncate font-mono select-all" data-testid="database-password">
            {password ?? '••••••••'}
          </dd>
          <dd>
            <CopyButton
              label="Copy password"
              done={copied === 'password'}
              disabled={busy !== null}
              onCopy={() => void copyPassword()}
            />
          </dd>
        </div>
        <div className="contents">
          <dt className="text-muted">Command</dt>
          <dd className="truncate font-mono text-xs select-all" data-testid="database-command">
            {connectionCommand(connection)}
          </dd>
          <dd>
            <CopyButton
              label="Copy command"
              done={copied === 'command'}
              onCopy={() => void copy('command', connectionCommand(connection))}
            />
          </dd>
        </div>
      </dl>
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted">
        {password === null ? (
          <Button
            variant="ghost"
            data-testid="reveal-database-password"
            onClick={() => void reveal()}
            disabled={busy !== null}
          >
            <KeyRound aria-hidden size={14} />
            {busy === 'reveal' ? 'Reading…' : 'Reveal password'}
          </Button>
        ) : (
          <>
            <Button
              variant="ghost"
              data-testid="hide-database-password"
              onClick={() => setPassword(null)}
            >
              <EyeOff aria-hidden size={14} /> Hide
            </Button>
            Hidden again after {CREDENTIALS_VISIBLE_MS / 1000} s.
          </>
        )}
        <Button
          variant="ghost"
          data-testid="disconnect-database"
          onClick={() => void disconnect()}
          disabled={busy !== null}
        >
          <Unplug aria-hidden size={14} />
          {busy === 'disconnect' ? 'Disconnecting…' : 'Disconnect'}
        </Button>
      </div>
      {alert}
    </section>
  );
}
