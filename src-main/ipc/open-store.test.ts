import { describe, expect, it } from 'vitest';
import { createDispatch } from './dispatch';
import { fakeServices } from '../../test-rig/fake-services';

describe('openStore', () => {
  it('opens the storefront and admin URL the app recorded for a Ready store', async () => {
    const services = fakeServices();
    services.addStore({ id: 's-shop', name: 'shop' });
    const dispatch = createDispatch(services);
    await expect(
      dispatch('openStore', { storeId: 's-shop', target: 'storefront' }),
    ).resolves.toEqual({ ok: true, value: { url: 'http://shop.localhost/' } });
    await expect(dispatch('openStore', { storeId: 's-shop', target: 'admin' })).resolves.toEqual({
      ok: true,
      value: { url: 'http://shop.localhost/wp-admin/' },
    });
    expect(services.opened).toEqual(['http://shop.localhost/', 'http://shop.localhost/wp-admin/']);
  });

  it('refuses a URL passed by the caller', async () => {
    const services = fakeServices();
    services.addStore({ id: 's-shop', name: 'shop' });
    const envelope = await createDispatch(services)('openStore', {
      storeId: 's-shop',
      target: 'storefront',
      url: 'https://evil.example/',
    });
    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', details: { field: 'url' } },
    });
    expect(services.opened).toEqual([]);
  });

  it('refuses an unknown store', async () => {
    const services = fakeServices();
    const envelope = await createDispatch(services)('openStore', {
      storeId: 's-nope',
      target: 'storefront',
    });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(services.opened).toEqual([]);
  });

  it.each([
    ['a non-web scheme', { url: 'file:///etc/passwd', adminUrl: 'file:///etc/passwd' }],
    ['an admin URL on a foreign origin', { adminUrl: 'https://evil.example/wp-admin/' }],
    [
      'embedded credentials',
      { url: 'http://u:p@shop.localhost/', adminUrl: 'http://u:p@shop.localhost/wp-admin/' },
    ],
    ['an unparsable URL', { url: 'not a url', adminUrl: 'not a url' }],
  ])('refuses a recorded URL with %s', async (_label, patch) => {
    const services = fakeServices();
    services.addStore({ id: 's-shop', name: 'shop', ...patch });
    const envelope = await createDispatch(services)('openStore', {
      storeId: 's-shop',
      target: 'admin',
    });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(services.opened).toEqual([]);
  });

  it('opens the admin of a Failed store once WordPress answered, so its owner can fix it', async () => {
    const services = fakeServices();
    services.addStore({ id: 's-shop', name: 'shop', status: 'Failed', step: 'verify' });
    const envelope = await createDispatch(services)('openStore', {
      storeId: 's-shop',
      target: 'admin',
    });
    expect(envelope).toMatchObject({ ok: true });
    expect(services.opened).toEqual(['http://shop.localhost/wp-admin/']);
  });

  it('refuses a Failed store whose WordPress never answered', async () => {
    const services = fakeServices();
    services.addStore({ id: 's-shop', name: 'shop', status: 'Failed', step: 'wait-wordpress' });
    const envelope = await createDispatch(services)('openStore', {
      storeId: 's-shop',
      target: 'admin',
    });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'not-ready' } });
  });

  it('refuses a store that is not Ready yet', async () => {
    const services = fakeServices();
    services.addStore({ id: 's-shop', name: 'shop', status: 'Provisioning' });
    const envelope = await createDispatch(services)('openStore', {
      storeId: 's-shop',
      target: 'storefront',
    });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'not-ready' } });
    expect(services.opened).toEqual([]);
  });
});
