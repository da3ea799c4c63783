import { Watch, type KubeConfig, type V1Namespace } from '@kubernetes/client-node';
import { MANAGED_SELECTOR } from './labels';

export interface NamespaceWatchOptions {
  /** ends the watch; the promise then resolves */
  signal: AbortSignal;
  /** how long the API server may take to start answering; a silent one fails the watch */
  connectTimeoutMs?: number;
  /** the server ends the watch after this long, so a stale connection never lingers */
  timeoutSeconds?: number;
}

export type NamespaceChange = 'ADDED' | 'MODIFIED' | 'DELETED';

const CONNECT_TIMEOUT_MS = 10_000;
const WATCH_SECONDS = 300;

/**
 * Streams every change of Storefleet's namespaces (added, changed, e.g. Terminating, deleted).
 * A new watch first reports each namespace that exists as ADDED. Resolves when the server ends
 * the watch or `signal` aborts; rejects when it cannot be set up or the server reports an error,
 * so the caller can list again and watch anew.
 */
export function watchManagedNamespaces(
  kc: KubeConfig,
  onChange: (change: NamespaceChange, name: string) => void,
  o: NamespaceWatchOptions,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (o.signal.aborted) {
      resolve();
      return;
    }
    let controller: AbortController | null = null;
    let ended = false;
    const end = (error?: unknown): void => {
      if (ended) return;
      ended = true;
      clearTimeout(connecting);
      o.signal.removeEventListener('abort', onAbort);
      controller?.abort();
      if (error) reject(error instanceof Error ? error : new Error('The namespace watch failed.'));
      else resolve();
    };
    const onAbort = (): void => end();
    o.signal.addEventListener('abort', onAbort, { once: true });
    const connectMs = o.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    // client-node waits for the response before it hands out its controller: a silent server
    // would hold this watch for ever without a deadline of its own.
    const connecting = setTimeout(() => {
      end(new Error(`The cluster did not start the namespace watch within ${connectMs} ms.`));
    }, connectMs);
    new Watch(kc)
      .watch(
        '/api/v1/namespaces',
        {
          labelSelector: MANAGED_SELECTOR,
          timeoutSeconds: o.timeoutSeconds ?? WATCH_SECONDS,
          allowWatchBookmarks: true,
        },
        (type: string, object: V1Namespace | undefined) => {
          clearTimeout(connecting);
          if (type === 'ERROR') {
            end(new Error('The cluster ended the namespace watch with an error.'));
            return;
          }
          if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
            onChange(type, object?.metadata?.name ?? '');
          }
        },
        (error: unknown) => end(error ?? undefined),
      )
      .then(
        (c) => {
          controller = c;
          clearTimeout(connecting);
          if (ended) c.abort();
        },
        (error: unknown) => end(error),
      );
  });
}
