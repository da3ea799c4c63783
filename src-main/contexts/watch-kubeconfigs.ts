import { existsSync, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export const WATCH_DEBOUNCE_MS = 200;

/**
 * Watches one directory for changes to the named files. Directories are watched rather than
 * files because tools replace kubeconfigs by rename (k3d, kubectl), which orphans a file watch.
 * A directory that does not exist yet (no ~/.kube before the first cluster) is awaited by
 * watching its nearest existing ancestor.
 */
function watchDirectory(dir: string, names: Set<string>, fire: () => void): () => void {
  let watcher: FSWatcher | null = null;
  let closed = false;

  const replace = (next: FSWatcher | null): void => {
    watcher?.close();
    watcher = next;
  };

  const arm = (): boolean => {
    if (closed) return true;
    try {
      const w = watch(dir, { persistent: false }, (_event, filename) => {
        if (filename === null || names.has(filename.toString())) fire();
      });
      // The directory went away (or became unreadable): wait for it to come back.
      w.on('error', () => awaitDirectory());
      replace(w);
      return true;
    } catch {
      return false;
    }
  };

  function awaitDirectory(): void {
    replace(null);
    if (closed) return;
    if (arm()) {
      fire();
      return;
    }
    let child = dir;
    let parent = dirname(dir);
    while (parent !== child && !existsSync(parent)) {
      child = parent;
      parent = dirname(parent);
    }
    const awaited = basename(child);
    try {
      const w = watch(parent, { persistent: false }, (_event, filename) => {
        if (filename === null || filename.toString() === awaited) awaitDirectory();
      });
      w.on('error', () => replace(null));
      replace(w);
    } catch {
      return;
    }
    // It may have appeared between the failed watch and this one.
    if (existsSync(child)) awaitDirectory();
  }

  if (!arm()) awaitDirectory();
  return () => {
    closed = true;
    replace(null);
  };
}

/**
 * Calls `onChange` (debounced) when any of the kubeconfig files is created, changed, replaced or
 * removed. Returns a function that stops watching.
 */
export function watchKubeconfigs(
  paths: string[],
  onChange: () => void,
  opts: { debounceMs?: number } = {},
): () => void {
  const debounceMs = opts.debounceMs ?? WATCH_DEBOUNCE_MS;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const fire = (): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!stopped) onChange();
    }, debounceMs);
  };

  const byDir = new Map<string, Set<string>>();
  for (const path of paths) {
    const names = byDir.get(dirname(path)) ?? new Set<string>();
    names.add(basename(path));
    byDir.set(dirname(path), names);
  }
  const stops = [...byDir].map(([dir, names]) => watchDirectory(dir, names, fire));

  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    for (const stop of stops) stop();
  };
}
