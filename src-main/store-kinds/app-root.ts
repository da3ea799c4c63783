import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The name in the app's own package.json; the folder holding it is the app's root. */
export const APP_PACKAGE_NAME = 'storefleet';

function packageName(file: string): string | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('name' in parsed)) return null;
    return typeof parsed.name === 'string' ? parsed.name : null;
  } catch {
    return null;
  }
}

/**
 * The app's own root: the nearest folder at or above `from` that holds a package.json, when that
 * package.json is Storefleet's (the repository when run from source or from out/main, the app's
 * folder when packaged). A different package found first means `from` is not inside the app.
 * Failing that, a packaged Electron app's resources folder. Null when there is neither.
 */
export function findAppRoot(
  from: string,
  resourcesPath: string | undefined = electronResourcesPath(),
): string | null {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return packageName(manifest) === APP_PACKAGE_NAME ? dir : null;
    if (dirname(dir) === dir) break;
  }
  return resourcesPath ?? null;
}

function electronResourcesPath(): string | undefined {
  const value: unknown = (process as { resourcesPath?: unknown }).resourcesPath;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** `<app root>/<relative>` when it exists; nothing above the app's root is ever looked at. */
export function findInAppRoot(relative: string, from: string): string | null {
  const root = findAppRoot(from);
  if (root === null) return null;
  const candidate = join(root, relative);
  return existsSync(candidate) ? candidate : null;
}
