import type { StoreSettings } from '../db/store-repository';
import type { StoreKindDriver } from '../store-kinds/driver';
import type { StoreCluster } from './cluster-port';
import { keptSettings } from './store-settings';
import { readValuesFile } from './values-file';

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
  const defaults = keptSettings(o.driver.settingsFromValues(readValuesFile(o.valuesFile)));
  const values = await o.cluster.helm.getValues(o.release, o.namespace, o.revision);
  return withoutDefaults(keptSettings(o.driver.settingsFromValues(values)), defaults);
}

export function withoutDefaults(found: StoreSettings, defaults: StoreSettings): StoreSettings {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(found) as [keyof StoreSettings, string][]) {
    if (defaults[key] !== value) out[key] = value;
  }
  return out;
}
