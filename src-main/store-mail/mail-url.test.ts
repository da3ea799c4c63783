import { describe, expect, it } from 'vitest';
import type { Store } from '../../src-shared/types/store-types';
import { createStoreMailService, mailUrlFrom, NO_MAIL_CATCHER } from './mail-url';

const store = (patch: Partial<Store> = {}): Store =>
  ({
    id: 'id-shop',
    name: 'shop',
    kind: 'woocommerce',
    namespace: 'store-shop',
    url: 'http://shop.localhost:8080',
    ...patch,
  }) as Store;

describe('mailUrlFrom', () => {
  it('puts mail. before the store host, on its scheme and port', () => {
    expect(mailUrlFrom('http://shop.localhost:8080', ['mail.shop.localhost'])).toBe(
      'http://mail.shop.localhost:8080/',
    );
    expect(mailUrlFrom('https://shop.example.com', ['mail.shop.example.com'])).toBe(
      'https://mail.shop.example.com/',
    );
  });

  it('opens only the host the chart makes, from a web URL', () => {
    expect(mailUrlFrom('http://shop.localhost', ['evil.example.com'])).toBeNull();
    expect(mailUrlFrom('http://shop.localhost', [])).toBeNull();
    expect(mailUrlFrom('javascript:alert(1)', ['mail.'])).toBeNull();
    expect(mailUrlFrom('not a url', ['mail.shop.localhost'])).toBeNull();
  });
});

describe('store mail service', () => {
  it("answers the store's mail catcher URL", async () => {
    const service = createStoreMailService({
      mailIngressHosts: () => Promise.resolve(['mail.shop.localhost']),
    });
    await expect(service.url(store())).resolves.toBe('http://mail.shop.localhost:8080/');
  });

  it('says so in a sentence when the store has none, or is not a WooCommerce store', async () => {
    const none = createStoreMailService({ mailIngressHosts: () => Promise.resolve(null) });
    await expect(none.url(store())).rejects.toThrow(NO_MAIL_CATCHER);
    const any = createStoreMailService({
      mailIngressHosts: () => Promise.resolve(['mail.shop.localhost']),
    });
    await expect(any.url(store({ kind: 'medusa' }))).rejects.toThrow(NO_MAIL_CATCHER);
    const down = createStoreMailService({
      mailIngressHosts: () => Promise.reject(new Error('ECONNREFUSED')),
    });
    await expect(down.url(store())).rejects.toThrow(/did not answer/);
  });
});
