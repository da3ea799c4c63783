import type { StoreKindDriver } from '../store-kinds/driver';
import type { HelmReleaseRevision, HelmRevision } from '../../src-shared/types/service-types';
import type { StoreCluster } from './cluster-port';
import { oneSentence } from './failure-reason';
import { keptSettings } from './store-settings';
import type { StoreSettings } from '../db/store-repository';

/** The settings of a revision that say what it is; read once, since a revision never changes. */
export class RevisionSettingsCache {
  private readonly byKey = new Map<string, StoreSettings | null>();

  async get(key: string, read: () => Promise<StoreSettings | null>): Promise<StoreSettings | null> {
    if (this.byKey.has(key)) return this.byKey.get(key) ?? null;
    const settings = await read();
    // A failed read is tried again next time; only an answer is kept.
    if (settings !== null) this.byKey.set(key, settings);
    return settings;
  }

  /** Drops what is known of one store, e.g. when it is deleted or forgotten. */
  forget(prefix: string): void {
    for (const key of [...this.byKey.keys()]) if (key.startsWith(prefix)) this.byKey.delete(key);
  }
}

export interface HistoryDeps {
  storeId: string;
  cluster: StoreCluster;
  driver: StoreKindDriver;
  release: string;
  namespace: string;
  cache: RevisionSettingsCache;
  /** whether the store's status allows a rollback at all */
  rollbackAllowed: boolean;
  /** blanks the store's passwords out of Helm's descriptions */
  redact: (text: string) => string;
  /** what the chart and the values file say for a setting a revision leaves unset */
  defaults?: StoreSettings;
}

/** Helm's history with each revision labelled, its changes named, and what may be rolled back. */
export async function describeHistory(
  raw: readonly HelmReleaseRevision[],
  d: HistoryDeps,
): Promise<HelmRevision[]> {
  const sorted = [...raw].sort((a, b) => a.revision - b.revision);
  const current = sorted.at(-1)?.revision ?? null;
  const settings = await Promise.all(
    sorted.map((r) =>
      d.cache.get(`${d.storeId}:${r.revision}:${r.updated}`, async () => {
        try {
          const values = await d.cluster.helm.getValues(d.release, d.namespace, r.revision);
          // Only the allow-listed keys are kept: the values also hold the store's passwords.
          return { ...(d.defaults ?? {}), ...keptSettings(d.driver.settingsFromValues(values)) };
        } catch {
          return null;
        }
      }),
    ),
  );
  return sorted.map((r, i) => {
    const before = i > 0 ? (settings[i - 1] ?? null) : null;
    const now = settings[i] ?? null;
    const previous = i > 0 ? sorted[i - 1] : undefined;
    return {
      ...r,
      description: oneSentence(d.redact(r.description)),
      label: revisionLabel(r, i === 0, before, now),
      changes: revisionChanges(previous, r, before, now),
      current: r.revision === current,
      canRollback: d.rollbackAllowed && r.revision !== current,
      ...(now ? { values: upgradableValues(now) } : {}),
    };
  });
}

/** The settings an upgrade can change, for the upgrade form's current values. */
function upgradableValues(settings: StoreSettings): NonNullable<HelmRevision['values']> {
  const out: NonNullable<HelmRevision['values']> = {};
  for (const key of ['wordpressImageTag', 'woocommerceVersion', 'memoryLimit'] as const) {
    const value = settings[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

const ROLLED_BACK = /^Rollback to (\d+)/i;

/** What a revision is: created, rolled back, stopped, started or upgraded. */
export function revisionLabel(
  r: HelmReleaseRevision,
  first: boolean,
  before: StoreSettings | null,
  now: StoreSettings | null,
): string {
  const rolledBack = ROLLED_BACK.exec(r.description);
  if (rolledBack) return `Rolled back to ${rolledBack[1] ?? '?'}`;
  if (first || /^Install complete/i.test(r.description)) return 'Created';
  const wasStopped = before?.stopped === 'true';
  const isStopped = now?.stopped === 'true';
  if (before && now && !wasStopped && isStopped) return 'Stopped';
  if (before && now && wasStopped && !isStopped) return 'Started';
  return 'Upgraded';
}

const NAMED: readonly [keyof StoreSettings, string][] = [
  ['woocommerceVersion', 'WooCommerce'],
  ['wordpressImageTag', 'WordPress image'],
  ['memoryLimit', 'memory'],
  ['medusaImageTag', 'Medusa image'],
];

/** What differs from the revision before: chart, WooCommerce, WordPress image, memory, Medusa image. */
export function revisionChanges(
  previous: HelmReleaseRevision | undefined,
  r: HelmReleaseRevision,
  before: StoreSettings | null,
  now: StoreSettings | null,
): string[] {
  if (!previous) return [];
  const changes: string[] = [];
  if (previous.chart !== r.chart) changes.push(`chart ${previous.chart} → ${r.chart}`);
  if (before && now) {
    for (const [key, name] of NAMED) {
      const a = before[key];
      const b = now[key];
      if (a === b) continue;
      changes.push(`${name} ${a ?? 'default'} → ${b ?? 'default'}`);
    }
  }
  return changes;
}
