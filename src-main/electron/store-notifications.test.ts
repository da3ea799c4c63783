import { describe, expect, it } from 'vitest';
import type { Store } from '../../src-shared/types/store-types';
import { createStoreNotifier } from './store-notifications';

const base: Store = {
  id: 's1',
  name: 'shop',
  kind: 'woocommerce',
  context: 'k3d-dev',
  namespace: 'store-shop',
  status: 'Queued',
  step: null,
  error: null,
  url: 'http://shop.localhost',
  adminUrl: 'http://shop.localhost/wp-admin/',
  createdAt: '',
  updatedAt: '',
  statusSince: '',
  helmRevision: null,
  adminAvailable: false,
};

describe('store notifications', () => {
  it('announces Ready and Failed transitions once each', () => {
    const notify = createStoreNotifier();
    expect(notify(base)).toBeNull();
    expect(notify({ ...base, status: 'Provisioning', step: 'helm' })).toBeNull();
    expect(notify({ ...base, status: 'Ready' })).toEqual({
      title: 'shop is ready',
      body: 'Open it at http://shop.localhost',
    });
    expect(notify({ ...base, status: 'Ready' })).toBeNull();
    expect(notify({ ...base, status: 'Updating' })).toBeNull();
    expect(
      notify({
        ...base,
        status: 'Failed',
        step: 'upgrade',
        error: 'The chart rejected the values.',
      }),
    ).toEqual({
      title: 'shop failed',
      body: 'The chart rejected the values.',
    });
  });

  it('stays quiet about a store first seen in its final state (rediscovered at start-up)', () => {
    const notify = createStoreNotifier();
    expect(notify({ ...base, status: 'Ready' })).toBeNull();
    expect(notify({ ...base, id: 's2', status: 'Failed' })).toBeNull();
  });
});
