import { Check, Copy, Database, EyeOff, KeyRound, Unplug } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { StoreDbConnection } from '../../../../src-shared/ipc/contract';
import type { Store } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { CREDENTIALS_VISIBLE_MS } from '../store-page/credentials-panel';
import { Button } from '../ui/button';
import { ENGINE_LABEL, connectionCommand } from './connection-command';

/** Main closes a forward its page stops asking for after a minute; the page asks this often. */
export const DATABASE_RENEW_MS = 20_000;

type Field = 'host' | 'port' | 'database' | 'user' | 'password' | 'command';

/**
 * "Connect to database": a port-forward from a loopback port to the store's database, shown
 * with what a client needs. The forward closes on Disconnect and when this panel goes (the store
 * page closes, or the store leaves Ready). The password follows the admin login's reveal rules:
 * read on an explicit click, kept only in this component's state, dropped on hide, after
 * CREDENTIALS_VISIBLE_MS and on unmount.
 */
export function DatabasePanel({ store }: { store: Store }): React.JSX.Element {
  const api = useApi();
  const storeId = store.id;
  const [connection, setConnection] = useState<StoreDbConnection | null>(null);
  const [password, setPassword] = useState<string | null>(null);
  const [busy, setBusy] = useState<'connect' | 'disconnect' | 'reveal' | 'copy' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<Field | null>(null);
  const alive = useRef(true);
  // Whether this page holds a forward (or is opening one) that it must close when it goes.
  const holding = useRef(false);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (holding.current) {
        holding.current = false;
        api.disconnectStoreDatabase({ storeId }).catch(() => undefined);
      }
    };
  }, [api, storeId]);

  useEffect(() => {
    if (password === null) return;
    const timer = setTimeout(() => setPassword(null), CREDENTIALS_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [password]);

  // Keeps the forward open while the page shows it.
  useEffect(() => {
    if (!connection) return;
    const timer = setInterval(() => {
      api.connectStoreDatabase({ storeId }).then(
        (renewed) => {
          if (alive.current && holding.current) setConnection(renewed);
        },
        (e: unknown) => {
          if (!alive.current) return;
          holding.current = false;
          setConnection(null);
          setPassword(null);
          setError(errorMessage(e));
        },
      );
    }, DATABASE_RENEW_MS);
    return () => clearInterval(timer);
  }, [api, storeId, connection]);

  const connect = async () => {
    setBusy('connect');
    setError(null);
    holding.current = true;
    try {
      const opened = await api.connectStoreDatabase({ storeId });
      if (alive.current) setConnection(opened);
    } catch (e) {
      holding.current = false;
      if (alive.current) setError(errorMessage(e));
    } finally {
      if (alive.current) setBusy(null);
    }
  };

  const disconnect = async () => {
    setBusy('disconnect');
    setError(null);
    holding.current = false;
    setPassword(null);
    try {
      await api.disconnectStoreDatabase({ storeId });
      if (alive.current) setConnection(null);
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

function CopyButton({
  label,
  done,
  disabled,
  onCopy,
}: {
  label: string;
  done: boolean;
  disabled?: boolean;
  onCopy: () => void;
}): React.JSX.Element {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onCopy}
      disabled={disabled}
      className="inline-flex size-7 items-center justify-center rounded-ui text-muted hover:bg-raised focus-visible:outline-2 focus-visible:outline-accent disabled:opacity-50"
    >
      {done ? (
        <Check aria-hidden size={14} className="text-ready" />
      ) : (
        <Copy aria-hidden size={14} />
      )}
    </button>
  );
}
