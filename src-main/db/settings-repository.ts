import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Settings } from '../../src-shared/types/service-types';
import { HELM_PATH_MAX_LENGTH, limitSchema } from '../../src-shared/rules/settings-rules';
import { asDatabaseError } from './database-error';
import { describeIssues } from './store-rows';

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  maxConcurrentProvisions: 3,
  maxStoresPerContext: 20,
  maxCreatesPerMinute: 5,
  selectedContext: null,
  helmPath: null,
});

// The bounds are the settings rules' (src-shared/rules/settings-rules.ts), which the IPC and the
// settings dialog use too.
const settingsSchema = z.strictObject({
  maxConcurrentProvisions: limitSchema('maxConcurrentProvisions'),
  maxStoresPerContext: limitSchema('maxStoresPerContext'),
  maxCreatesPerMinute: limitSchema('maxCreatesPerMinute'),
  selectedContext: z.string().trim().min(1).max(253).nullable(),
  helmPath: z
    .string()
    .trim()
    .min(1)
    .max(HELM_PATH_MAX_LENGTH)
    .refine((p) => !p.includes('\0'), 'must not contain NUL bytes')
    .nullable(),
}) satisfies z.ZodType<Settings>;

const patchSchema = settingsSchema.partial();

type SettingKey = keyof Settings;
const KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

/** App-wide preferences, one row per key so adding a setting needs no migration. */
export class SettingsRepository {
  private readonly selectAll;
  private readonly upsert;

  constructor(private readonly db: Database.Database) {
    this.selectAll = db.prepare('SELECT key, value FROM settings');
    this.upsert = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  get(): Settings {
    const stored = new Map(
      (this.selectAll.all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
    );
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of KEYS) {
      const raw = stored.get(key);
      if (raw === undefined) continue;
      // A value the current rules reject (older version, hand edit) falls back to its default
      // instead of making the app unable to start.
      const parsed = settingsSchema.shape[key].safeParse(safeJson(raw));
      if (parsed.success) merged[key] = parsed.data;
    }
    return settingsSchema.parse(merged);
  }

  update(patch: Partial<Settings>): Settings {
    const result = patchSchema.safeParse(patch);
    if (!result.success) throw new Error(describeIssues('settings', result.error));
    const valid = result.data;
    try {
      // Immediate: wait out another connection's write for the busy timeout (see StoreRepository).
      this.db
        .transaction(() => {
          for (const key of KEYS) {
            if (valid[key] !== undefined) this.upsert.run(key, JSON.stringify(valid[key]));
          }
        })
        .immediate();
    } catch (error) {
      throw asDatabaseError(error);
    }
    return this.get();
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
