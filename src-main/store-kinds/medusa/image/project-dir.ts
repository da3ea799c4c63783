import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findAppRoot } from '../../app-root';
import { MedusaImageError } from './image-error';

/** Where the backend project lives, relative to the app's root. */
export const MEDUSA_PROJECT_RELATIVE = 'images/medusa';

/**
 * `images/medusa` in the app's own root (see findAppRoot: the repository from source or from
 * out/main, the resources folder when packaged), recognised by its Dockerfile. Throws a
 * MedusaImageError when it is not there; folders above the app's root are never searched.
 */
export function findMedusaProjectDir(start: string = import.meta.dirname): string {
  const root = findAppRoot(start);
  const candidate = root === null ? null : join(root, ...MEDUSA_PROJECT_RELATIVE.split('/'));
  return checkMedusaProjectDir(candidate);
}

/** `dir` when it holds a Dockerfile; otherwise the same MedusaImageError as above. */
export function checkMedusaProjectDir(dir: string | null): string {
  if (dir !== null && existsSync(join(dir, 'Dockerfile'))) return dir;
  throw new MedusaImageError(
    'project-missing',
    `The Medusa backend project (${MEDUSA_PROJECT_RELATIVE} with its Dockerfile) is missing from this Storefleet installation, so its image cannot be built.`,
  );
}
