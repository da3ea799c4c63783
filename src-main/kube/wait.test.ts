import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { WaitTimeoutError, formatDuration, isRetryable, waitUntil } from './wait';

describe('waitUntil', () => {
  it('resolves with the first defined value', async () => {
    let calls = 0;
    const value = await waitUntil(() => Promise.resolve(++calls >= 3 ? 'ok' : undefined), {
      timeoutMs: 5_000,
      intervalMs: 10,
      what: 'the third call',
    });
    expect(value).toBe('ok');
    expect(calls).toBe(3);
  });

  it('times out with a message naming what was awaited and the last state', async () => {
    const p = waitUntil(() => Promise.resolve(undefined), {
      timeoutMs: 150,
      intervalMs: 20,
      what: 'the answer',
      lastState: () => 'still thinking',
    });
    await expect(p).rejects.toBeInstanceOf(WaitTimeoutError);
    await expect(p).rejects.toThrow(
      'timed out after 150 ms waiting for the answer; last seen: still thinking',
    );
    await expect(p).rejects.toMatchObject({ what: 'the answer' });
  });

  it('does not let a hung check outlive the deadline', async () => {
    const started = Date.now();
    const p = waitUntil(() => new Promise<undefined>(() => undefined), {
      timeoutMs: 200,
      what: 'a check that never answers',
    });
    await expect(p).rejects.toBeInstanceOf(WaitTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('rejects promptly with an AbortError when the signal aborts, even mid-check', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const p = waitUntil(() => new Promise<undefined>(() => undefined), {
      timeoutMs: 60_000,
      what: 'something slow',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    await expect(p).rejects.toThrow('stopped waiting for something slow: cancelled');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('rejects at once when the signal is already aborted, without calling check', async () => {
    let calls = 0;
    const p = waitUntil(
      () => {
        calls++;
        return Promise.resolve(1);
      },
      { timeoutMs: 1_000, what: 'x', signal: AbortSignal.abort() },
    );
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(0);
  });

  it('ends the wait on an error that asking again will not fix', async () => {
    const forbidden = new ApiException(403, 'Forbidden', '{"message":"no"}', {});
    let calls = 0;
    const p = waitUntil(
      () => {
        calls++;
        return Promise.reject(forbidden);
      },
      { timeoutMs: 5_000, intervalMs: 10, what: 'x' },
    );
    await expect(p).rejects.toBe(forbidden);
    expect(calls).toBe(1);
  });

  it('retries server errors and reports the last one on timeout', async () => {
    const p = waitUntil(
      () =>
        Promise.reject(new ApiException(503, 'Unavailable', '{"message":"etcd is sulking"}', {})),
      { timeoutMs: 150, intervalMs: 20, what: 'the server' },
    );
    await expect(p).rejects.toThrow(/last check failed: etcd is sulking \(HTTP 503\)/);
  });
});

describe('isRetryable', () => {
  it('tells transport trouble from definite answers', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(isRetryable(refused)).toBe(true);
    expect(isRetryable(new ApiException(429, '', undefined, {}))).toBe(true);
    expect(isRetryable(new ApiException(500, '', undefined, {}))).toBe(true);
    expect(isRetryable(new ApiException(404, '', undefined, {}))).toBe(false);
    expect(isRetryable(new Error('job failed'))).toBe(false);
  });
});

describe('formatDuration', () => {
  it('reads naturally', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(90_000)).toBe('90 s');
    expect(formatDuration(600_000)).toBe('10 min');
    expect(formatDuration(630_000)).toBe('10 min 30 s');
  });
});
