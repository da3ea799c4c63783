import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../../test-rig/fake-api';
import { standInStore } from '../../../test-rig/fake-fixtures';
import { copyText, openStoreLink } from './open-link';

afterEach(() => vi.restoreAllMocks());

const readyShop = () => fakeApi({ stores: [standInStore({ name: 'shop', status: 'Ready' })] });

describe('openStoreLink', () => {
  it('in a browser tab opens the URL main checked, in a new tab without an opener', async () => {
    const api = readyShop();
    const open = vi.fn();
    await openStoreLink(api, { storeId: 'id-shop', target: 'admin' }, { open });
    expect(open.mock.calls).toEqual([
      ['http://shop.localhost/wp-admin/', '_blank', 'noopener,noreferrer'],
    ]);
    expect(api.services.opened).toEqual(['http://shop.localhost/wp-admin/']);
  });

  it('in Electron leaves the opening to main and opens no window of its own', async () => {
    const api = readyShop();
    const open = vi.fn();
    await openStoreLink(
      api,
      { storeId: 'id-shop', target: 'storefront' },
      { storefleet: {}, open },
    );
    expect(open).not.toHaveBeenCalled();
    expect(api.services.opened).toEqual(['http://shop.localhost/']);
  });

  it('opens nothing when main refuses the store', async () => {
    const api = fakeApi({ stores: [standInStore({ name: 'shop', status: 'Provisioning' })] });
    const open = vi.fn();
    await expect(
      openStoreLink(api, { storeId: 'id-shop', target: 'storefront' }, { open }),
    ).rejects.toMatchObject({ code: 'not-ready' });
    expect(open).not.toHaveBeenCalled();
  });
});

describe('copyText', () => {
  it('writes the text to the clipboard', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    await copyText('http://shop.localhost/', { writeText });
    expect(writeText).toHaveBeenCalledWith('http://shop.localhost/');
  });

  it('says so when the clipboard refuses', async () => {
    const writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    await expect(copyText('x', { writeText })).rejects.toThrow('could not be copied');
    await expect(copyText('x', null)).rejects.toThrow('no access to the clipboard');
  });
});
