import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The first `<dir>/<relative>` that exists, walking up from `from`; works from src and from out. */
export function findUp(relative: string, from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}
