import { describe, expect, it } from 'vitest';
import { SharedImageRuns } from './shared-image';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const cancelled = (error: unknown) => error instanceof Error && error.message === 'cancelled';

describe('SharedImageRuns', () => {
  it('lets a second store on the same cluster wait for the first build instead of building again', async () => {
    const runs = new SharedImageRuns<string>();
    const build = deferred<string>();
    let starts = 0;
    const waited: string[] = [];
    const start = () => {
      starts++;
      return build.promise;
    };
    const o = (who: string) => ({
      signal: new AbortController().signal,
      waiting: () => waited.push(who),
      wasCancelled: cancelled,
    });
    const first = runs.run('k3d-dev', start, o('first'));
    const second = runs.run('k3d-dev', start, o('second'));
    const other = runs.run('k3d-other', () => Promise.resolve('other'), o('other'));
    build.resolve('image:abc');
    await expect(Promise.all([first, second, other])).resolves.toEqual([
      'image:abc',
      'image:abc',
      'other',
    ]);
    expect(starts).toBe(1);
    expect(waited).toEqual(['second']);
    // Once done, the next store checks again itself.
    await runs.run('k3d-dev', () => Promise.resolve('again'), o('third'));
    expect(waited).toEqual(['second']);
  });

  it('runs its own when the one it waited for was cancelled, and shares a real failure', async () => {
    const runs = new SharedImageRuns<string>();
    const o = {
      signal: new AbortController().signal,
      waiting: () => undefined,
      wasCancelled: cancelled,
    };
    const cancelledBuild = deferred<string>();
    const a = runs.run('c', () => cancelledBuild.promise, o);
    const b = runs.run('c', () => Promise.resolve('own'), o);
    cancelledBuild.reject(new Error('cancelled'));
    await expect(a).rejects.toThrow('cancelled');
    await expect(b).resolves.toBe('own');

    const failing = deferred<string>();
    const c = runs.run('c', () => failing.promise, o);
    const d = runs.run('c', () => Promise.resolve('never'), o);
    failing.reject(new Error('The build failed.'));
    await expect(c).rejects.toThrow('The build failed.');
    await expect(d).rejects.toThrow('The build failed.');
  });

  it('stops waiting when the waiting store is stopped', async () => {
    const runs = new SharedImageRuns<string>();
    const never = deferred<string>();
    const idle = {
      signal: new AbortController().signal,
      waiting: () => undefined,
      wasCancelled: cancelled,
    };
    void runs.run('c', () => never.promise, idle).catch(() => undefined);
    const stop = new AbortController();
    const waiting = runs.run('c', () => Promise.resolve('x'), { ...idle, signal: stop.signal });
    stop.abort(new Error('cancelled by user'));
    await expect(waiting).rejects.toThrow('cancelled by user');
    never.resolve('late');
  });
});
