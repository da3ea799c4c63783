import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { StoreSettings } from '../db/store-repository';
import type { StoreKindDriver } from '../engines/types';
import type { StoreCluster } from './cluster-port';
import { keptSettings } from './store-settings';

/**
 * The settings a release was given on top of the values file: `helm get values` returns the
 * values file's own entries too, and keeping those would pin today's defaults (a memory limit
 * of 512Mi, say) on the store, so a later values file could no longer change them. A key whose
 * value is what the values file says is therefore left out. Only allow-listed keys are read:
 * the release's values also hold its passwords.
 */
export async function releaseSettings(o: {
  cluster: StoreCluster;
  driver: StoreKindDriver;
  release: string;
  namespace: string;
  revision?: number;
  valuesFile: string;
}): Promise<StoreSettings> {
  const [values, defaults] = await Promise.all([
    o.cluster.helm.getValues(o.release, o.namespace, o.revision),
    valuesFileSettings(o.driver, o.valuesFile),
  ]);
  return withoutDefaults(keptSettings(o.driver.settingsFromValues(values)), defaults);
}

async function valuesFileSettings(driver: StoreKindDriver, file: string): Promise<StoreSettings> {
  const parsed: unknown = parse(await readFile(file, 'utf8'));
  const values =
    parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  return keptSettings(driver.settingsFromValues(values));
}

export function withoutDefaults(found: StoreSettings, defaults: StoreSettings): StoreSettings {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(found) as [keyof StoreSettings, string][]) {
    if (defaults[key] !== value) out[key] = value;
  }
  return out;
}
