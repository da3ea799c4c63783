/**
 * A counting semaphore whose limit is read on every decision, so a settings change takes effect
 * for the next waiter without restarting anything. Waiters are served first come, first served.
 */
export class ConcurrencyLimiter {
  private inUse = 0;
  private readonly waiters: { grant: () => void }[] = [];

  constructor(private readonly limit: () => number) {}

  get active(): number {
    return this.inUse;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** Resolves with a release function once a slot is free; rejects with the signal's reason. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const waiter = {
        grant: (): void => {
          signal?.removeEventListener('abort', onAbort);
          this.inUse++;
          resolve(this.releaser());
        },
      };
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(abortReason(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.drain();
    });
  }

  /** Re-checks the limit; call after it was raised. */
  drain(): void {
    while (this.waiters.length > 0 && this.inUse < Math.max(1, this.limit())) {
      this.waiters.shift()?.grant();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse--;
      this.drain();
    };
  }
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}
