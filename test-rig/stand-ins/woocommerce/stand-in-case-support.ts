// Test support for the verifier's case tests: stores on the LOCAL STAND-IN of the Store API,
// reached through the production ingress transport, with every exchange recorded.
import type { StorefrontTarget } from '../../../src-main/store-kinds/driver';
import { ingressTransport } from '../../../src-main/store-kinds/http/ingress-transport';
import type { StandInStoreOptions, StoreApiStandIn } from './store-api-stand-in';
import type { StorefrontTransport } from '../../../src-main/store-kinds/http/storefront-transport';

export interface Seen {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface CaseStore {
  host: string;
  seen: Seen[];
  transport: StorefrontTransport;
  /** "<status> <path>" of every exchange so far */
  paths(): string[];
}

export type Rewrite = (
  req: Parameters<StorefrontTransport>[0],
) => Parameters<StorefrontTransport>[0];

/** Returns a factory of recorded stores named `<prefix><n>.localhost` on the stand-in. */
export function caseStores(
  standIn: () => StoreApiStandIn,
  prefix: string,
): (o?: StandInStoreOptions, rewrite?: Rewrite) => CaseStore {
  let counter = 0;
  return (o, rewrite = (req) => req) => {
    const host = `${prefix}${++counter}.localhost`;
    standIn().addStore(host, o);
    const seen: Seen[] = [];
    const base = ingressTransport(standIn().url(host));
    const transport: StorefrontTransport = async (req) => {
      const sent = rewrite(req);
      const res = await base(sent);
      seen.push({ method: sent.method, path: sent.path, ...res });
      return res;
    };
    return { host, seen, transport, paths: () => seen.map((s) => `${s.status} ${s.path}`) };
  };
}

/** A verify target whose port-forward fallback cannot work (no kubeconfig), 3 s budget. */
export function caseTarget(url: string, timeoutMs = 3000): StorefrontTarget {
  return {
    url,
    kube: { kubeconfig: '/nonexistent/kubeconfig', context: 'nowhere' },
    namespace: 'sf-shop',
    service: 'shop-wordpress',
    servicePort: 'http',
    timeoutMs,
  };
}

/** True once any exchange reached a cart or the checkout. */
export function touchedCart(seen: Seen[]): boolean {
  return seen.some((s) => /\/cart|\/checkout/.test(s.path));
}
