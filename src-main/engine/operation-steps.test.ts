import { describe, expect, it } from 'vitest';
import { storeKinds } from '../store-kinds/registry';
import { STORE_KINDS, provisionSteps } from '../../src-shared/types/store-types';
import { operationSteps } from './run-operation';

const ref = { id: 'st_1', name: 'shop', namespace: 'store-shop' };

describe("each kind's steps, as the engine runs them and the app shows them", () => {
  it.each(STORE_KINDS)('%s: a provision runs exactly provisionSteps(kind)', (kind) => {
    const driver = storeKinds.driver(kind);
    if (!driver) throw new Error(`no driver for ${kind}`);
    expect(operationSteps('provision', driver, ref)).toEqual(provisionSteps(kind));
  });

  it("runs Medusa's image step first on an upgrade, never on rollback or start", () => {
    const driver = storeKinds.driver('medusa');
    if (!driver) throw new Error('no Medusa driver');
    expect(operationSteps('upgrade', driver, ref)).toEqual([
      'image',
      'upgrade',
      'wait-postgres',
      'wait-medusa',
      'setup',
      'verify',
    ]);
    expect(operationSteps('rollback', driver, ref)[0]).toBe('rollback');
    expect(operationSteps('start', driver, ref)).toEqual([
      'start',
      'wait-postgres',
      'wait-medusa',
      'verify',
    ]);
    const woo = storeKinds.driver('woocommerce');
    if (!woo) throw new Error('no WooCommerce driver');
    expect(operationSteps('upgrade', woo, ref)[0]).toBe('upgrade');
  });
});
