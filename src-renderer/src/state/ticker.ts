import { useSyncExternalStore } from 'react';

// Shared clocks for every time display: a row does not own a timer, and an interval only runs
// while something is subscribed to it.
function clock(periodMs: number): { subscribe: (l: () => void) => () => void; get: () => number } {
  const listeners = new Set<() => void>();
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!timer) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          listeners.forEach((l) => l());
        }, periodMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    get: () => now,
  };
}

const seconds = clock(1000);
const minutes = clock(60_000);

/** The time, once a second: for live elapsed clocks. */
export function useNow(): number {
  return useSyncExternalStore(seconds.subscribe, seconds.get);
}

/** The time, once a minute: for durations shown in minutes and hours. */
export function useMinuteNow(): number {
  return useSyncExternalStore(minutes.subscribe, minutes.get);
}
