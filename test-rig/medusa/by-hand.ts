// Medusa's admin and Store API called by hand with fetch, for the rig's own tests and figures
// (the product's verifier lives in src-main/store-kinds/medusa/ and is tested on its own).

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export type Row = Record<string, unknown> & { id: string };

export interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string;
  key?: string;
}

export function client(baseUrl: string) {
  const call = async (path: string, init: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.key) headers['x-publishable-api-key'] = init.key;
    const res = await fetch(`${baseUrl}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { text };
    }
    return { status: res.status, body, headers: res.headers };
  };
  const ok = async (path: string, init: CallOptions = {}): Promise<Record<string, unknown>> => {
    const answer = await call(path, init);
    if (answer.status !== 200) {
      const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
      throw new Error(
        `${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body;
  };
  return { call, ok };
}

export const rows = (body: Record<string, unknown>, key: string): Row[] => body[key] as Row[];

export async function adminToken(
  baseUrl: string,
  email: string,
  password: string,
): Promise<string> {
  const body = await client(baseUrl).ok('/auth/user/emailpass', { body: { email, password } });
  return body.token as string;
}

export async function storefrontKey(baseUrl: string, token: string): Promise<string> {
  const keys = rows(
    await client(baseUrl).ok('/admin/api-keys?type=publishable&limit=100', { token }),
    'api_keys',
  );
  const key = keys.find((k) => k.title === 'Storefleet Storefront')?.token;
  if (typeof key !== 'string') throw new Error('no publishable key titled Storefleet Storefront');
  return key;
}

/** Steps 1-9 of the Store API order (MEDUSA.md) with the system payment provider. */
export async function placeOrder(
  baseUrl: string,
  key: string,
): Promise<{ cartId: string; completed: Record<string, unknown> }> {
  const { ok } = client(baseUrl);
  const region = rows(await ok('/store/regions', { key }), 'regions').find(
    (r) => r.name === 'Storefleet',
  );
  if (!region) throw new Error('no region Storefleet in the Store API');
  const products = rows(
    await ok(
      `/store/products?handle=storefleet-demo&region_id=${region.id}&fields=*variants.calculated_price`,
      { key },
    ),
    'products',
  );
  const variant = (products[0]?.variants as Row[] | undefined)?.[0];
  if (!variant) throw new Error('no variant of storefleet-demo in the Store API');
  const created = await ok('/store/carts', {
    key,
    body: { region_id: region.id, items: [{ variant_id: variant.id, quantity: 1 }] },
  });
  const cartId = (created.cart as Row).id;
  const address = {
    first_name: 'Ada',
    last_name: 'Lovelace',
    address_1: 'Teststrasse 1',
    city: 'Berlin',
    postal_code: '10115',
    country_code: 'de',
  };
  await ok(`/store/carts/${cartId}`, {
    key,
    body: { email: 'buyer@storefleet.test', shipping_address: address, billing_address: address },
  });
  const option = rows(
    await ok(`/store/shipping-options?cart_id=${cartId}`, { key }),
    'shipping_options',
  ).find((o) => o.name === 'Standard Shipping');
  if (!option) throw new Error('no shipping option Standard Shipping for the cart');
  await ok(`/store/carts/${cartId}/shipping-methods`, { key, body: { option_id: option.id } });
  const collection = (await ok('/store/payment-collections', { key, body: { cart_id: cartId } }))
    .payment_collection as Row;
  await ok(`/store/payment-collections/${collection.id}/payment-sessions`, {
    key,
    body: { provider_id: 'pp_system_default' },
  });
  const completed = await ok(`/store/carts/${cartId}/complete`, { key, body: {} });
  return { cartId, completed };
}
