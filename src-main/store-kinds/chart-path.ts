import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findAppRoot } from './app-root';

/**
 * `charts/<kind>` in the app's own root (see findAppRoot): the repository when run from source or
 * from the built app in out/main. Folders above the app's root are never searched, so a chart
 * planted in a parent folder is never installed.
 */
export function findChartDir(kind: string, start: string = import.meta.dirname): string | null {
  const root = findAppRoot(start);
  if (root === null) return null;
  const candidate = join(root, 'charts', kind);
  return existsSync(join(candidate, 'Chart.yaml')) ? candidate : null;
}
