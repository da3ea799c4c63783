import { readFileSync } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Folders in which earlier versions wrote a store's values (with its passwords) for Helm. */
export const LEGACY_VALUES_PREFIX = 'storefleet-values-';
// Longer than any Helm run, so a folder still in use by an older Storefleet is left alone.
const LEGACY_VALUES_MIN_AGE_MS = 15 * 60_000;

/**
 * Removes values folders that earlier versions left in the temp folder when they were killed
 * mid-install (they hold passwords). Only this user's folders, and only ones older than any
 * Helm run. Returns how many were removed.
 */
export async function sweepLegacyValuesFolders(
  o: { dir?: string; minAgeMs?: number; now?: number } = {},
): Promise<number> {
  const dir = o.dir ?? tmpdir();
  const cutoff = (o.now ?? Date.now()) - (o.minAgeMs ?? LEGACY_VALUES_MIN_AGE_MS);
  const uid = process.getuid?.();
  let removed = 0;
  for (const name of await readdir(dir)) {
    if (!name.startsWith(LEGACY_VALUES_PREFIX)) continue;
    const path = join(dir, name);
    const info = await lstat(path).catch(() => null);
    if (!info?.isDirectory() || info.mtimeMs > cutoff) continue;
    if (uid !== undefined && info.uid !== uid) continue;
    await rm(path, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

/** A Helm values file as an object; an empty file or a non-mapping reads as {}. */
export function readValuesFile(file: string): Record<string, unknown> {
  const doc: unknown = parse(readFileSync(file, 'utf8'));
  return doc && typeof doc === 'object' && !Array.isArray(doc)
    ? (doc as Record<string, unknown>)
    : {};
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `overlay` merged into `base`, objects recursively; neither input is changed. */
export function deepMerge(
  base: Record<string, unknown>,
  overlay: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}
