// The one table of renderer → main methods: each entry is the method's argument schema and its
// result type. Main's implementations, dispatch's argument check, the channel list, the
// StorefleetApi type and both transports all derive from this table.
import { z } from 'zod';
import { STORE_KINDS, type Store, type StoreWithEvents } from '../types/store-types';
import type {
  ContextProbe,
  HelmRevision,
  Settings,
  StoreCredentials,
  SystemCheck,
  ToolInfo,
} from '../types/service-types';
import type {
  ContextList,
  StoreKindInfo,
  StoreLogSources,
  StoreResources,
  SupportBundleFile,
} from './contract';
import type { StoreDbConnection } from './contract';
import { contextName, settingsPatch, storeId, storeName, upgradeInput } from './schemas';

declare const RESULT: unique symbol;
/** A result type carried by the table; it exists only for the compiler. */
export interface Returns<T> {
  readonly [RESULT]?: T;
}
const returns = <T>(): Returns<T> => ({});

export interface MethodSpec {
  arg: z.ZodType;
  result: Returns<unknown>;
}

const empty = z.strictObject({});
const byContext = z.strictObject({ context: contextName });
const byStore = z.strictObject({ storeId });
/** a k3d cluster name, as k3d accepts it (its context is k3d-<name>) */
const localClusterName = z
  .string({ error: 'must be a cluster name' })
  .regex(/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/, {
    error: 'must use lowercase letters, digits and dashes, at most 32 characters',
  });
const byClusterName = z.strictObject({ name: localClusterName });
/** a Logs subscription's id, as subscribeStoreLogs gave it */
const bySubscription = z.strictObject({
  subscriptionId: z
    .string({ error: 'must be a subscription id' })
    .regex(/^logs-[a-z0-9-]{1,64}$/, { error: 'must be a subscription id' }),
});

export const IPC_METHODS = {
  listContexts: { arg: empty, result: returns<ContextList>() },
  selectContext: { arg: byContext, result: returns<ContextList>() },
  probeContext: { arg: byContext, result: returns<ContextProbe>() },
  listStores: { arg: byContext, result: returns<Store[]>() },
  getStore: { arg: byStore, result: returns<StoreWithEvents>() },
  createStore: {
    arg: z.strictObject({
      context: contextName,
      name: storeName,
      kind: z.enum(STORE_KINDS, { error: 'must be WooCommerce or Medusa' }),
    }),
    result: returns<Store>(),
  },
  cancelStore: { arg: byStore, result: returns<null>() },
  /** Failed or Cancelled → runs the interrupted operation again from the step that stopped it. */
  retryStore: { arg: byStore, result: returns<null>() },
  /** Removes a store's row and events when its cluster objects are gone or unreachable. */
  forgetStore: { arg: byStore, result: returns<null>() },
  deleteStore: { arg: byStore, result: returns<null>() },
  upgradeStore: { arg: upgradeInput, result: returns<null>() },
  rollbackStore: {
    arg: z.strictObject({
      storeId,
      revision: z
        .number({ error: 'must be a number' })
        .int('must be a whole number')
        .positive('must be 1 or more')
        .max(1_000_000, 'is too large'),
    }),
    result: returns<null>(),
  },
  stopStore: { arg: byStore, result: returns<null>() },
  startStore: { arg: byStore, result: returns<null>() },
  storeHistory: { arg: byStore, result: returns<HelmRevision[]>() },
  revealCredentials: { arg: byStore, result: returns<StoreCredentials>() },
  openStore: {
    arg: z.strictObject({
      storeId,
      target: z.enum(['storefront', 'admin', 'mail'], {
        error: 'must be the storefront, the admin or the mail catcher',
      }),
    }),
    // The URL main checked and handed to the host, for a page that must open the tab itself.
    result: returns<{ url: string }>(),
  },
  toolStatus: { arg: empty, result: returns<ToolInfo[]>() },
  storeKinds: { arg: empty, result: returns<StoreKindInfo[]>() },
  /** Docker (and its daemon), k3d, Helm and kubectl, each with why it matters and how to install it. */
  systemCheck: { arg: empty, result: returns<SystemCheck>() },
  /** Downloads the pinned Helm, checks its published SHA-256 and makes it the app's Helm. */
  installHelm: { arg: empty, result: returns<ToolInfo>() },
  cancelHelmInstall: { arg: empty, result: returns<null>() },
  /** `k3d cluster create <name>` with the web ports on its load balancer; selects k3d-<name>. */
  createLocalCluster: {
    arg: z.strictObject({
      name: localClusterName,
      httpPort: z
        .number({ error: 'must be a port number' })
        .int({ error: 'must be a port number' })
        .min(1, { error: 'must be a port number' })
        .max(65_535, { error: 'must be a port number' })
        .optional(),
    }),
    result: returns<{ context: string }>(),
  },
  cancelLocalCluster: { arg: empty, result: returns<null>() },
  startLocalCluster: { arg: byClusterName, result: returns<null>() },
  stopLocalCluster: { arg: byClusterName, result: returns<null>() },
  deleteLocalCluster: { arg: byClusterName, result: returns<null>() },
  getSettings: { arg: empty, result: returns<Settings>() },
  updateSettings: { arg: settingsPatch, result: returns<Settings>() },
  /**
   * Opens (or keeps open) a port-forward from a loopback port to the store's database; one per
   * store. It closes on disconnect, when the store leaves Ready, when not asked again for three
   * minutes (its page is gone) and when the app closes.
   */
  connectStoreDatabase: { arg: byStore, result: returns<StoreDbConnection>() },
  disconnectStoreDatabase: { arg: byStore, result: returns<null>() },
  /** The database user's password, read from the store's Secret on each explicit reveal. */
  revealStoreDatabasePassword: { arg: byStore, result: returns<{ password: string }>() },
  /** The store's components and the containers of its pods, for the Logs tab's filter. */
  storeLogSources: { arg: byStore, result: returns<StoreLogSources>() },
  /**
   * Follows every container's log and the namespace's events; lines arrive as storeLog events.
   * The subscription ends on unsubscribe, or when it is not renewed for a minute (a page gone).
   */
  subscribeStoreLogs: {
    arg: z.strictObject({
      storeId,
      tailLines: z
        .number({ error: 'must be a number' })
        .int('must be a whole number')
        .min(1, 'must be 1 or more')
        .max(5_000, 'must be at most 5000')
        .optional(),
    }),
    result: returns<{ subscriptionId: string }>(),
  },
  /** Keeps a subscription alive; false when it has already ended. */
  renewStoreLogs: { arg: bySubscription, result: returns<{ active: boolean }>() },
  unsubscribeStoreLogs: { arg: bySubscription, result: returns<null>() },
  /** Logs, events, Helm history, timeline and store row, redacted, as one JSON file. */
  storeSupportBundle: { arg: byStore, result: returns<SupportBundleFile>() },
  /**
   * CPU and memory of the context's stores (or of one) against their quotas, from metrics-server;
   * the page asks about every 10 s while it shows them.
   */
  storeResources: {
    arg: z.strictObject({ context: contextName, storeId: storeId.optional() }),
    result: returns<StoreResources>(),
  },
} as const satisfies Record<string, MethodSpec>;
