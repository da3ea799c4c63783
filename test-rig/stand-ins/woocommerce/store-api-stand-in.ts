// LOCAL STAND-IN for "ingress + WooCommerce" on machines where WordPress cannot run: one
// loopback HTTP server that answers for many stores, picked by Host header the way a reverse
// proxy routes `<store>.localhost`. Tests point the production ingress transport at it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLocal } from '../local-http-server';
import { frontPage, WP_NOT_FOUND } from './store-api-stand-in-pages';
import { DATABASE_DOWN, type StandInReply } from './store-api-stand-in-replies';
import {
  StandInStore,
  type StandInOrder,
  type StandInStoreOptions,
} from './store-api-stand-in-store';

export type { StandInOrder, StandInStoreOptions } from './store-api-stand-in-store';

export interface StoreApiStandIn {
  port: number;
  url(host: string): string;
  addStore(host: string, o?: StandInStoreOptions): void;
  removeStore(host: string): void;
  /** Sells out (false) or restocks (true) a store's demo product from now on. */
  setDemoInStock(host: string, inStock: boolean): void;
  /**
   * The store's orders as its Orders screen lists them: `checkout-draft` orders are hidden
   * unless `drafts` is set (WooCommerce leaves one behind after every failed checkout).
   */
  orders(host: string, o?: { drafts?: boolean }): StandInOrder[];
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

function hostKey(host: string): string {
  return host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/** A request's body as text, at most 1 MiB (any stand-in's). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') out[name] = value;
    else if (Array.isArray(value)) out[name] = value.join(', ');
  }
  return out;
}

const NO_ROUTE: StandInReply = {
  status: 404,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: '404 page not found\n',
};

function route(store: StandInStore, req: IncomingMessage, body: string): StandInReply {
  if (store.databaseDown) return DATABASE_DOWN;
  const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
  const headers = flatHeaders(req);
  const method = req.method ?? 'GET';
  const restRoute = url.searchParams.get('rest_route');
  if ((url.pathname === '/' || url.pathname === '/index.php') && restRoute !== null) {
    const query = new URLSearchParams(url.searchParams);
    query.delete('rest_route');
    return store.handle(method, restRoute, query, headers, body);
  }
  if (url.pathname === '/wp-json' || url.pathname.startsWith('/wp-json/')) {
    if (store.prettyPermalinks) {
      const restPath = url.pathname.slice('/wp-json'.length) || '/';
      return store.handle(method, restPath, url.searchParams, headers, body);
    }
    // Observed with plain permalinks: WordPress does not know /wp-json/, adds a trailing slash
    // (canonical redirect, 301), and then shows an ordinary page with 200.
    if (!url.pathname.endsWith('/')) {
      return {
        status: 301,
        headers: {
          location: `http://${store.host}${url.pathname}/${url.search}`,
          'content-type': 'text/html; charset=UTF-8',
        },
        body: '',
      };
    }
    return frontPage(store.host);
  }
  if (method === 'GET') return store.page(url) ?? WP_NOT_FOUND;
  return WP_NOT_FOUND;
}

/** Starts the LOCAL STAND-IN of the WooCommerce Store API on 127.0.0.1 and a free port. */
export async function startStoreApiStandIn(): Promise<StoreApiStandIn> {
  const stores = new Map<string, StandInStore>();

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const store = stores.get(hostKey(req.headers.host ?? ''));
    let reply: StandInReply;
    if (!store) {
      req.resume();
      reply = NO_ROUTE;
    } else {
      const body = await readBody(req);
      reply = route(store, req, body);
    }
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  };

  const server = await listenLocal(serve);
  const { port } = server;

  const storeFor = (host: string): StandInStore => {
    const store = stores.get(hostKey(host));
    if (!store) throw new Error(`the stand-in has no store for host ${host}`);
    return store;
  };

  return {
    port,
    url: (host) => `http://${hostKey(host)}:${port}`,
    addStore(host, o) {
      const key = hostKey(host);
      if (stores.has(key)) throw new Error(`the stand-in already serves ${key}`);
      stores.set(key, new StandInStore(`${key}:${port}`, o));
    },
    setDemoInStock: (host, inStock) => storeFor(host).setDemoInStock(inStock),
    removeStore(host) {
      stores.delete(hostKey(host));
    },
    orders: (host, o) =>
      storeFor(host)
        .orders()
        .filter((order) => o?.drafts === true || order.status !== 'checkout-draft'),
    close: () => server.close(),
  };
}
