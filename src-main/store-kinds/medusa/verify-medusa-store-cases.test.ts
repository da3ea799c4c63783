// The Medusa verifier's refusals against the LOCAL STAND-IN of a Medusa 2.21.2 server: each test
// flips one switch, checks the message a user would see, and that nothing secret is in it.
import { afterEach, describe, expect, it } from 'vitest';
import {
  startMedusaStandIn,
  type MedusaStandIn,
  type MedusaStandInOptions,
} from '../../../test-rig/stand-ins/medusa/medusa-stand-in';
import {
  medusaTarget,
  memoryCheckpoint,
  secretsIn,
} from '../../../test-rig/stand-ins/medusa/medusa-verify-support';
import { verifyMedusaStore } from './verify-medusa-store';

const running: MedusaStandIn[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** Runs a verify that must fail; returns the error, the stand-in and the secrets it knew. */
async function refused(o: MedusaStandInOptions, handle?: string) {
  const s = await startMedusaStandIn(o);
  running.push(s);
  const checkpoint = memoryCheckpoint();
  const target = medusaTarget(
    s.url,
    { email: s.switches.adminEmail, password: s.switches.adminPassword },
    { checkpoint },
  );
  const error: unknown = await verifyMedusaStore(target, { productHandle: handle }).then(
    () => new Error('the verify placed an order'),
    (e: unknown) => e,
  );
  const secrets = [s.switches.adminPassword, ...s.tokens()];
  expect(s.tokens().length).toBeGreaterThan(0);
  expect(secretsIn(error, secrets)).toEqual([]);
  return { error, s, checkpoint, message: error instanceof Error ? error.message : String(error) };
}

describe('Medusa verifier refusals against the LOCAL STAND-IN of a Medusa server', () => {
  it('no shipping option for the region: named, and the cart is kept for a resume', async () => {
    const { error, message, s, checkpoint } = await refused({ shippingOptions: false });
    expect(error).toMatchObject({ stage: 'shipping-options', code: 'no-shipping-option' });
    expect(message).toBe(
      'Listing the shipping options failed: the store offers no shipping option for an address in the region "Storefleet" (country DE)',
    );
    expect(checkpoint.get()).toBe(s.carts()[0]?.id);
    expect(s.orders()).toEqual([]);
  });

  it('no system payment provider in the region: refused before any cart', async () => {
    const { error, message, s } = await refused({ paymentProviders: ['pp_stripe_stripe'] });
    expect(error).toMatchObject({ stage: 'region', code: 'no-payment-provider' });
    expect(message).toBe(
      `Finding the store's region failed: the region "Storefleet" does not offer Medusa's system payment provider (pp_system_default), which the check pays with`,
    );
    expect(s.carts()).toEqual([]);
  });

  it('a payment session the store refuses quotes the store; nothing is completed', async () => {
    const { error, message, s } = await refused({ refuseSessions: true });
    expect(error).toMatchObject({ stage: 'payment-session', status: 400, code: 'invalid_data' });
    expect(message).toBe(
      `Starting the payment session failed: the store said "Payment provider pp_system_default is not enabled in the cart's region reg_standin0storefleet."`,
    );
    expect(s.requests().some((r) => r.includes('/complete'))).toBe(false);
    expect(s.orders()).toEqual([]);
  });

  it('out of stock: refused before the cart, saying so', async () => {
    const { error, message, s } = await refused({ stock: 0 });
    expect(error).toMatchObject({ stage: 'product', code: 'out-of-stock' });
    expect(message).toBe(
      'Finding the demo product failed: the product "storefleet-demo" is out of stock',
    );
    expect(s.carts()).toEqual([]);
  });

  it('no price in the region: refused before the cart, saying so', async () => {
    const { error, message, s } = await refused({ priceAmount: null });
    expect(error).toMatchObject({ stage: 'product', code: 'no-price' });
    expect(message).toBe(
      'Finding the demo product failed: the product "storefleet-demo" has no price in the region',
    );
    expect(s.carts()).toEqual([]);
  });

  it('no product with the handle: refused before the cart, naming the handle', async () => {
    const { error, message, s } = await refused({ productHandle: null });
    expect(error).toMatchObject({ stage: 'product', code: 'product-missing' });
    expect(message).toBe(
      `Finding the demo product failed: the store sells no product with the handle "storefleet-demo" through its publishable API key's sales channel`,
    );
    expect(s.carts()).toEqual([]);
  });

  it('a payment error at complete quotes the store and keeps the cart', async () => {
    const { error, message, s, checkpoint } = await refused({
      paymentError: 'Payment authorization failed: the card was declined',
    });
    expect(error).toMatchObject({ stage: 'complete', status: 200, code: 'payment-failed' });
    expect(message).toBe(
      'Completing the order failed: the payment failed and the store said "Payment authorization failed: the card was declined"',
    );
    expect(s.orders()).toEqual([]);
    expect(checkpoint.get()).toBe(s.carts()[0]?.id);
  });

  it("the store's message is quoted as plain text, bounded, without the admin's secrets", async () => {
    const s = await startMedusaStandIn();
    running.push(s);
    s.switches.paymentError = `<b>Refused</b> ${s.switches.adminPassword} ${'x'.repeat(500)}`;
    const error: unknown = await verifyMedusaStore(
      medusaTarget(s.url, { email: s.switches.adminEmail, password: s.switches.adminPassword }),
    ).catch((e: unknown) => e);
    const message = error instanceof Error ? error.message : '';
    expect(message).toMatch(
      /^Completing the order failed: the payment failed and the store said "Refused \[redacted\] x+…"$/,
    );
    expect(message.length).toBeLessThan(300);
    expect(secretsIn(error, [s.switches.adminPassword, ...s.tokens()])).toEqual([]);
  });
});
