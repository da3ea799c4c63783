// "Open admin" with one-click login: the signed URL the store service answers, on the store's
// own origin; the plain admin URL whenever there is none or it cannot be trusted.
import { describe, expect, it } from 'vitest';
import { createDispatch } from './dispatch';
import { fakeServices } from '../../test-rig/fake-services';

const LOGIN = 'http://shop.localhost/?storefleet-login=payload.signature';

function withLogin(answer: () => Promise<string | null>) {
  const services = fakeServices();
  services.addStore({ id: 's-shop', name: 'shop' });
  const asked: string[] = [];
  services.stores.adminLoginUrl = (storeId) => {
    asked.push(storeId);
    return answer();
  };
  return { services, asked, dispatch: createDispatch(services) };
}

describe('openStore admin with one-click login', () => {
  it('opens the signed login URL and answers it to a page in a browser', async () => {
    const { services, asked, dispatch } = withLogin(() => Promise.resolve(LOGIN));
    await expect(dispatch('openStore', { storeId: 's-shop', target: 'admin' })).resolves.toEqual({
      ok: true,
      value: { url: LOGIN },
    });
    expect(asked).toEqual(['s-shop']);
    expect(services.opened).toEqual([LOGIN]);
  });

  it('asks for a fresh login URL on every open, and none for the storefront', async () => {
    const { asked, dispatch } = withLogin(() => Promise.resolve(LOGIN));
    await dispatch('openStore', { storeId: 's-shop', target: 'storefront' });
    await dispatch('openStore', { storeId: 's-shop', target: 'admin' });
    await dispatch('openStore', { storeId: 's-shop', target: 'admin' });
    expect(asked).toEqual(['s-shop', 's-shop']);
  });

  it.each([
    ['the store has no login key', () => Promise.resolve(null)],
    ['its Secret cannot be read', () => Promise.reject(new Error('cluster unreachable'))],
    ['the URL is on another origin', () => Promise.resolve('https://evil.example/?x=1')],
    ['the URL is not a web URL', () => Promise.resolve('javascript:alert(1)')],
  ])('opens the plain admin URL when %s', async (_label, answer) => {
    const { services, dispatch } = withLogin(answer);
    await expect(dispatch('openStore', { storeId: 's-shop', target: 'admin' })).resolves.toEqual({
      ok: true,
      value: { url: 'http://shop.localhost/wp-admin/' },
    });
    expect(services.opened).toEqual(['http://shop.localhost/wp-admin/']);
  });
});
