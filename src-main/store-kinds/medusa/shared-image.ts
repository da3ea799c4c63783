/**
 * One image preparation per cluster at a time: a store whose cluster is already getting the
 * Medusa image (another store's image step building it) waits for that one instead of starting a
 * second build of the same image. A wait ends early when the waiting store's own operation is
 * stopped; when the run it waited for was cancelled (that other store was cancelled), it runs
 * its own.
 */
export class SharedImageRuns<T> {
  private readonly running = new Map<string, Promise<T>>();

  async run(
    key: string,
    start: () => Promise<T>,
    o: { signal: AbortSignal; waiting: () => void; wasCancelled: (error: unknown) => boolean },
  ): Promise<T> {
    const current = this.running.get(key);
    if (current) {
      o.waiting();
      try {
        return await untilAborted(current, o.signal);
      } catch (error) {
        if (o.signal.aborted || !o.wasCancelled(error)) throw error;
      }
    }
    const mine = start();
    this.running.set(key, mine);
    try {
      return await mine;
    } finally {
      if (this.running.get(key) === mine) this.running.delete(key);
    }
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const stop = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', stop, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('stopped');
}
