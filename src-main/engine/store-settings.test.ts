import { describe, expect, it } from 'vitest';
import {
  changedSettings,
  engineSettings,
  isStopped,
  keptSettings,
  settingsExtra,
} from './store-settings';

describe('store settings', () => {
  it('lays a change over the kept settings without dropping earlier ones', () => {
    const kept = { memoryLimit: '768Mi', wordpressImageTag: '6.8.3-php8.3-apache' };
    expect(changedSettings(kept, { woocommerceVersion: '10.3.0' })).toEqual({
      memoryLimit: '768Mi',
      wordpressImageTag: '6.8.3-php8.3-apache',
      woocommerceVersion: '10.3.0',
    });
    expect(changedSettings(kept, { memoryLimit: '1Gi' })).toMatchObject({ memoryLimit: '1Gi' });
  });

  it('removes a key set to undefined (start clears stopped)', () => {
    const stopped = changedSettings({ memoryLimit: '768Mi' }, { stopped: 'true' });
    expect(isStopped(stopped)).toBe(true);
    const started = changedSettings(stopped, { stopped: undefined });
    expect(started).toEqual({ memoryLimit: '768Mi' });
    expect(isStopped(started)).toBe(false);
  });

  it('keeps only the allow-listed keys of what a release says', () => {
    expect(
      keptSettings({ memoryLimit: '512Mi', stopped: 'yes', testFailure: 'true', other: 'x' }),
    ).toEqual({ memoryLimit: '512Mi' });
    expect(keptSettings({ stopped: 'false' })).toEqual({ stopped: 'false' });
  });

  it('gives buildValues only the set keys', () => {
    expect(settingsExtra({ memoryLimit: '512Mi', stopped: undefined })).toEqual({
      memoryLimit: '512Mi',
    });
  });

  it("never gives the chart the engine's own keys (a verify's cart, the publishable key)", () => {
    const settings = {
      memoryLimit: '768Mi',
      medusaImageTag: 'abc123def456',
      verifyCartId: 'cart_01ABC',
      publishableKey: 'pk_0123',
    };
    expect(settingsExtra(settings)).toEqual({
      memoryLimit: '768Mi',
      medusaImageTag: 'abc123def456',
    });
    expect(engineSettings(settings)).toEqual({
      verifyCartId: 'cart_01ABC',
      publishableKey: 'pk_0123',
    });
    expect(
      keptSettings({ ...settings, medusaImageRepository: 'storefleet/medusa-backend' }),
    ).toEqual({
      memoryLimit: '768Mi',
      medusaImageTag: 'abc123def456',
      medusaImageRepository: 'storefleet/medusa-backend',
    });
  });
});
