import type { StoreSettings } from '../db/store-repository';

/**
 * Settings the engine keeps for itself, never given to the chart: the cart a verify is completing
 * and what a verify learned (Medusa's publishable key).
 */
export const ENGINE_SETTING_KEYS = ['verifyCartId', 'publishableKey'] as const;
type EngineSettingKey = (typeof ENGINE_SETTING_KEYS)[number];

function isEngineKey(key: string): key is EngineSettingKey {
  return (ENGINE_SETTING_KEYS as readonly string[]).includes(key);
}

/** The settings as the driver's buildValues takes them (`extra`), without unset keys. */
export function settingsExtra(settings: StoreSettings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (typeof value === 'string' && !isEngineKey(key)) out[key] = value;
  }
  return out;
}

/** Only the engine's own keys of the settings, to carry over when chart settings are replaced. */
export function engineSettings(settings: StoreSettings): StoreSettings {
  const out: StoreSettings = {};
  for (const key of ENGINE_SETTING_KEYS) {
    const value = settings[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The kept settings with a change laid over them; a change never drops an earlier one. */
export function changedSettings(
  kept: StoreSettings,
  change: Partial<Record<keyof StoreSettings, string | undefined>>,
): StoreSettings {
  const next: Record<string, string | undefined> = { ...kept, ...change };
  for (const [key, value] of Object.entries(next)) if (value === undefined) delete next[key];
  return next;
}

/** Only the keys of a release's settings that Storefleet keeps (the driver may know more). */
export function keptSettings(found: Record<string, string>): StoreSettings {
  const keys: readonly (keyof StoreSettings)[] = [
    'wordpressImageTag',
    'woocommerceVersion',
    'memoryLimit',
    'stopped',
    'medusaImageRepository',
    'medusaImageTag',
  ];
  const out: StoreSettings = {};
  for (const key of keys) {
    const value = found[key];
    if (value === undefined) continue;
    if (key === 'stopped') {
      if (value === 'true' || value === 'false') out.stopped = value;
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function isStopped(settings: StoreSettings): boolean {
  return settings.stopped === 'true';
}
