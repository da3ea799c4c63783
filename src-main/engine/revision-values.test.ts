// The upgrade form starts at the current revision's values: describeHistory reads them from each
// revision's values (only the upgradable keys, never the passwords next to them).
import { describe, expect, it } from 'vitest';
import type { HelmReleaseRevision } from '../../src-shared/types/service-types';
import type { StoreKindDriver } from '../store-kinds/driver';
import type { StoreCluster } from './cluster-port';
import { RevisionSettingsCache, describeHistory } from './revision-history';

const rev = (revision: number, description: string): HelmReleaseRevision => ({
  revision,
  updated: `2025-01-0${revision}T10:00:00Z`,
  status: 'superseded',
  chart: 'woocommerce-0.1.0',
  appVersion: '6.8.3',
  description,
});

describe('describeHistory: values of each revision', () => {
  it('gives each revision the upgradable values it set, and nothing else', async () => {
    const byRevision: Record<number, Record<string, string>> = {
      1: { adminPassword: 'Zq9-secret', wordpressImageTag: '6.8.3-php8.2-apache' },
      2: { adminPassword: 'Zq9-secret', memoryLimit: '1Gi', stopped: 'true' },
    };
    const cluster = {
      helm: {
        getValues: (_release: string, _ns: string, revision: number) =>
          Promise.resolve(byRevision[revision] ?? {}),
      },
    } as unknown as StoreCluster;
    const driver = {
      settingsFromValues: (values: Record<string, unknown>) => values as Record<string, string>,
    } as unknown as StoreKindDriver;
    const history = await describeHistory(
      [rev(1, 'Install complete'), rev(2, 'Upgrade complete')],
      {
        storeId: 's',
        cluster,
        driver,
        release: 'shop',
        namespace: 'store-shop',
        cache: new RevisionSettingsCache(),
        rollbackAllowed: true,
        redact: (t) => t,
      },
    );
    expect(history.map((r) => r.values)).toEqual([
      { wordpressImageTag: '6.8.3-php8.2-apache' },
      { memoryLimit: '1Gi' },
    ]);
    expect(JSON.stringify(history)).not.toContain('Zq9-secret');
  });

  it('leaves the values out when they could not be read', async () => {
    const cluster = {
      helm: { getValues: () => Promise.reject(new Error('helm get values failed')) },
    } as unknown as StoreCluster;
    const driver = { settingsFromValues: () => ({}) } as unknown as StoreKindDriver;
    const [only] = await describeHistory([rev(1, 'Install complete')], {
      storeId: 's',
      cluster,
      driver,
      release: 'shop',
      namespace: 'store-shop',
      cache: new RevisionSettingsCache(),
      rollbackAllowed: true,
      redact: (t) => t,
    });
    expect(only?.values).toBeUndefined();
    expect(only?.current).toBe(true);
  });
});
