import { Watch, type KubeConfig } from '@kubernetes/client-node';

export interface WatchListOptions<T> {
  /** e.g. /api/v1/namespaces/shop/pods */
  path: string;
  /** the list the watch continues from (its resourceVersion) */
  list(): Promise<{ items: T[]; resourceVersion: string | undefined }>;
  onItem(item: T, type: 'ADDED' | 'MODIFIED' | 'DELETED'): void;
  signal: AbortSignal;
  /** after a watch ends or fails; a failure is also reported to onError */
  retryMs?: number;
  onError?(error: unknown): void;
}

const WATCH_SECONDS = 300;

/**
 * Lists, then watches from the list's version; when the server ends the watch (its timeout, a
 * dropped connection) it lists and watches again, until the signal aborts. Items may be reported
 * twice across a relist; the caller de-duplicates.
 */
export async function listAndWatch<T>(kc: KubeConfig, o: WatchListOptions<T>): Promise<void> {
  const retryMs = o.retryMs ?? 2_000;
  while (!o.signal.aborted) {
    try {
      const { items, resourceVersion } = await o.list();
      for (const item of items) o.onItem(item, 'ADDED');
      await watchOnce(kc, o, resourceVersion);
    } catch (error) {
      if (o.signal.aborted) return;
      o.onError?.(error);
    }
    await sleep(retryMs, o.signal);
  }
}

function watchOnce<T>(
  kc: KubeConfig,
  o: WatchListOptions<T>,
  resourceVersion: string | undefined,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let controller: AbortController | undefined;
    const onAbort = (): void => {
      controller?.abort();
      resolve();
    };
    o.signal.addEventListener('abort', onAbort, { once: true });
    const done = (error?: unknown): void => {
      o.signal.removeEventListener('abort', onAbort);
      if (error && !o.signal.aborted) reject(error instanceof Error ? error : new Error('watch'));
      else resolve();
    };
    new Watch(kc)
      .watch(
        o.path,
        { resourceVersion, timeoutSeconds: WATCH_SECONDS, allowWatchBookmarks: true },
        (type: string, object: T) => {
          if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') o.onItem(object, type);
        },
        (error: unknown) => done(error ?? undefined),
      )
      .then(
        (c) => {
          controller = c;
          if (o.signal.aborted) c.abort();
        },
        (error: unknown) => done(error),
      );
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
