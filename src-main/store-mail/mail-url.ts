// Where a store's mail catcher (the chart's optional Mailpit, mail.enabled) shows its mail:
// http(s)://mail.<store host>[:port]/, on the storefront's scheme and port, and only when the
// store's namespace has the chart's Mailpit Ingress for exactly that host.
import { IpcError } from '../../src-shared/ipc/ipc-error';
import type { Store } from '../../src-shared/types/store-types';

export interface StoreMailDeps {
  /** the hosts of the store's Mailpit Ingress, or null when it has none */
  mailIngressHosts(store: Store): Promise<string[] | null>;
}

export interface StoreMailService {
  /** the mail catcher's web UI; rejects with a sentence when the store has none */
  url(store: Store): Promise<string>;
}

/** mail.<host> on the storefront's scheme and port, when `hosts` has it; else null. */
export function mailUrlFrom(storeUrl: string, hosts: readonly string[]): string | null {
  let base: URL;
  try {
    base = new URL(storeUrl);
  } catch {
    return null;
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') return null;
  const host = `mail.${base.hostname}`;
  if (!hosts.includes(host)) return null;
  return `${base.protocol}//${host}${base.port ? `:${base.port}` : ''}/`;
}

export const NO_MAIL_CATCHER =
  'This store has no mail catcher. It comes with stores whose values file turns mail on (values-local.yaml does).';

export function createStoreMailService(deps: StoreMailDeps): StoreMailService {
  return {
    async url(store) {
      if (store.kind !== 'woocommerce') throw new IpcError('not-found', NO_MAIL_CATCHER);
      let hosts: string[] | null;
      try {
        hosts = await deps.mailIngressHosts(store);
      } catch {
        throw new IpcError(
          'unavailable',
          'The cluster did not answer, so the mail catcher cannot be opened now.',
        );
      }
      const url = hosts === null ? null : mailUrlFrom(store.url, hosts);
      if (url === null) throw new IpcError('not-found', NO_MAIL_CATCHER);
      return url;
    },
  };
}
