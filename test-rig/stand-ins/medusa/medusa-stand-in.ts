// LOCAL STAND-IN for a Medusa 2.21.2 server on machines where none runs: one loopback HTTP
// server answering the auth, admin API-key and Store API routes the verifier uses, as measured
// on a real server (MEDUSA.md), with switches for each failure. Tests point the production
// ingress transport at it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLocal } from '../local-http-server';
import { readBody } from '../woocommerce/store-api-stand-in';
import { StandInAdmin } from './medusa-stand-in-admin';
import { paymentProviders, products, regions } from './medusa-stand-in-catalog';
import { StandInCheckout } from './medusa-stand-in-checkout';
import { invalidData, NO_KEY, WRONG_KEY, type StandInReply } from './medusa-stand-in-replies';
import {
  defaultSwitches,
  type MedusaStandInOptions,
  type MedusaStandInSwitches,
  type StandInCart,
  type StandInOrder,
} from './medusa-stand-in-state';

export type { MedusaStandInOptions, StandInKey } from './medusa-stand-in-state';

export interface MedusaStandIn {
  url: string;
  /** the switches, live: change one and the next request sees it */
  switches: MedusaStandInSwitches;
  orders(): StandInOrder[];
  carts(): StandInCart[];
  /** "<METHOD> <path> <status>" of every request so far */
  requests(): string[];
  /** admin tokens issued so far */
  tokens(): string[];
  close(): Promise<void>;
}

function parseJson(body: string): Record<string, unknown> | null {
  if (body.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
  }
  return out;
}

class Routes {
  constructor(
    private readonly s: MedusaStandInSwitches,
    readonly admin: StandInAdmin,
    readonly checkout: StandInCheckout,
  ) {}

  route(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: Record<string, unknown>,
  ): StandInReply {
    const path = url.pathname;
    const q = url.searchParams;
    if (method === 'GET' && path === '/health') return { status: 200, body: 'OK' };
    if (method === 'POST' && path === '/auth/user/emailpass') return this.admin.signIn(body);
    if (method === 'GET' && path === '/admin/api-keys') return this.admin.apiKeys(headers, q);
    if (!path.startsWith('/store/')) return { status: 404, body: `Cannot ${method} ${path}` };
    const key = headers['x-publishable-api-key'];
    if (!key) return NO_KEY;
    if (!this.admin.liveKey(key)) return WRONG_KEY;
    // Medusa's own default key has no product in its sales channel here, as in a fresh store.
    const defaultKey =
      this.s.keys.findIndex((k) => k.token === key) === 0 && this.s.keys.length > 1;
    const cart = /^\/store\/carts\/([^/]+)(\/shipping-methods|\/complete)?$/.exec(path);
    const session = /^\/store\/payment-collections\/([^/]+)\/payment-sessions$/.exec(path);
    if (method === 'GET' && path === '/store/regions') return regions();
    const unlinked = this.s.keys.some((k) => k.token === key && k.noSalesChannel === true);
    if (unlinked && (path === '/store/products' || path.startsWith('/store/carts'))) {
      return invalidData('Publishable key needs to have a sales channel configured');
    }
    if (method === 'GET' && path === '/store/payment-providers') return paymentProviders(this.s, q);
    if (method === 'GET' && path === '/store/products') {
      return defaultKey ? products({ ...this.s, productHandle: null }, q) : products(this.s, q);
    }
    if (method === 'POST' && path === '/store/carts') return this.checkout.createCart(body);
    if (method === 'GET' && path === '/store/shipping-options')
      return this.checkout.shippingOptions(q);
    if (method === 'POST' && path === '/store/payment-collections')
      return this.checkout.createCollection(body);
    if (method === 'POST' && session?.[1]) return this.checkout.createSession(session[1], body);
    if (cart?.[1]) {
      const id = decodeURIComponent(cart[1]);
      if (method === 'GET' && !cart[2]) return this.checkout.getCart(id);
      if (method === 'POST' && !cart[2]) return this.checkout.updateCart(id, body);
      if (method === 'POST' && cart[2] === '/shipping-methods')
        return this.checkout.addShippingMethod(id, body);
      if (method === 'POST' && cart[2] === '/complete') return this.checkout.complete(id);
    }
    return { status: 404, body: `Cannot ${method} ${path}` };
  }
}

/** Starts the LOCAL STAND-IN of a Medusa server on 127.0.0.1 and a free port. */
export async function startMedusaStandIn(o: MedusaStandInOptions = {}): Promise<MedusaStandIn> {
  const switches = defaultSwitches(o);
  const routes = new Routes(switches, new StandInAdmin(switches), new StandInCheckout(switches));
  const seen: string[] = [];

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
    const method = req.method ?? 'GET';
    const body = parseJson(await readBody(req));
    const reply =
      body === null
        ? invalidData('Invalid request: the body is not JSON')
        : routes.route(method, url, lowerHeaders(req), body);
    seen.push(`${method} ${url.pathname}${url.search} ${reply.drop ? 'dropped' : reply.status}`);
    if (reply.drop) {
      req.socket.destroy();
      return;
    }
    const type = reply.body.startsWith('{')
      ? 'application/json; charset=utf-8'
      : 'text/plain; charset=utf-8';
    res.writeHead(reply.status, { 'content-type': type });
    res.end(reply.body);
  };

  const server = await listenLocal(serve);
  const { port } = server;
  return {
    url: `http://127.0.0.1:${port}`,
    switches,
    orders: () => [...routes.checkout.orders],
    carts: () => [...routes.checkout.carts.values()],
    requests: () => [...seen],
    tokens: () => routes.admin.issued(),
    close: () => server.close(),
  };
}
