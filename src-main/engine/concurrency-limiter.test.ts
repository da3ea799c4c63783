import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './concurrency-limiter';

describe('ConcurrencyLimiter', () => {
  it('never runs more than the limit at once, and runs everything', async () => {
    const limiter = new ConcurrencyLimiter(() => 3);
    let running = 0;
    let peak = 0;
    const task = async (): Promise<void> => {
      const release = await limiter.acquire();
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      release();
    };
    await Promise.all(Array.from({ length: 10 }, task));
    expect(peak).toBe(3);
    expect(limiter.active).toBe(0);
  });

  it('serves waiters in order and reads a raised limit on drain', async () => {
    let limit = 1;
    const limiter = new ConcurrencyLimiter(() => limit);
    const first = await limiter.acquire();
    const order: number[] = [];
    const second = limiter.acquire().then((r) => (order.push(2), r));
    const third = limiter.acquire().then((r) => (order.push(3), r));
    await Promise.resolve();
    expect(limiter.waiting).toBe(2);
    limit = 3;
    limiter.drain();
    await Promise.all([second, third]);
    expect(order).toEqual([2, 3]);
    first();
  });

  it('drops a waiter whose signal is aborted and rejects with the reason', async () => {
    const limiter = new ConcurrencyLimiter(() => 1);
    const held = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('cancelled by test'));
    await expect(waiting).rejects.toThrow('cancelled by test');
    expect(limiter.waiting).toBe(0);
    held();
    held();
    expect(limiter.active).toBe(0);
  });
});
