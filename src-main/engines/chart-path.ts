import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Finds `charts/<kind>` by walking up from `start`: from source that is the repository root,
 * from the built app (out/main) it is two levels up, so one rule serves both.
 */
export function findChartDir(kind: string, start: string = import.meta.dirname): string | null {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'charts', kind);
    if (existsSync(join(candidate, 'Chart.yaml'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
