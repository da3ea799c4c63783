// The one IPC contract between renderer and main. Main, preload, the browser transport and the
// renderer all derive their types from this file and the method table in ./methods.
import type { z } from 'zod';
import type { Store, StoreEvent, StoreKind } from '../types/store-types';
import type { IPC_METHODS, Returns } from './methods';
import type {
  HelmInstallProgress,
  KubeContextInfo,
  LocalClusterProgress,
} from '../types/service-types';

export interface ContextList {
  contexts: KubeContextInfo[];
  errors: { file: string; message: string }[];
  selected: string | null;
}

export interface StoreKindInfo {
  kind: StoreKind;
  displayName: string;
  available: boolean;
}

/** An open port-forward to a store's database ("Connect to database"); no password in it. */
export interface StoreDbConnection {
  storeId: string;
  engine: 'mariadb' | 'postgres';
  /** always 127.0.0.1: the forward listens on loopback only */
  host: string;
  port: number;
  database: string;
  user: string;
}

/** One line of the Logs tab: a container's log line, a Kubernetes event, or a note from the app. */
export interface StoreLogLine {
  /** WordPress, MariaDB, Bootstrap Job, WP-Cron, PostgreSQL, Medusa, Setup Job, Other, or Events */
  component: string;
  /** where it came from: "pod/container", or the event's object ("Pod shop-wordpress-…") */
  origin: string;
  /** ISO-8601 when the cluster gave a time, else null */
  at: string | null;
  /** redacted: no secret of the store ever reaches the page */
  text: string;
  /** warning: a Warning event; notice: the app's own sentence (a log that could not be read) */
  level: 'info' | 'warning' | 'notice';
}

/** What a store's Logs tab can show: its components and the containers of its pods. */
export interface StoreLogSources {
  components: string[];
  containers: { pod: string; container: string; component: string; init: boolean }[];
}

/** Lines for one Logs subscription, in the order they were read. */
export interface StoreLogBatch {
  subscriptionId: string;
  lines: StoreLogLine[];
}

/** A support bundle, ready to be saved as one file. */
export interface SupportBundleFile {
  fileName: string;
  /** the bundle's JSON text, redacted */
  content: string;
}

/** One quota figure: what the store's pods hold against what its quota allows (cores or bytes). */
export interface QuotaPair {
  used: number | null;
  hard: number | null;
}

/** A store's ResourceQuota for CPU (cores) and memory (bytes). */
export interface StoreQuota {
  requestsCpu: QuotaPair;
  limitsCpu: QuotaPair;
  requestsMemory: QuotaPair;
  limitsMemory: QuotaPair;
}

/** What one store uses now, against its quota. */
export interface StoreResourceUse {
  storeId: string;
  /** metrics-server's figures summed over the store's pods; null when it reports none of them */
  usage: { cpuCores: number; memoryBytes: number; pods: number } | null;
  /** null when the store's namespace has no quota (or it could not be read) */
  quota: StoreQuota | null;
}

/** Resource use of a context's stores (or of one store). */
export interface StoreResources {
  /** available: metrics-server answered; absent: the cluster serves no metrics API; unavailable: no answer */
  metrics: 'available' | 'absent' | 'unavailable';
  /** one sentence for the page, said once, when metrics is not available */
  message: string | null;
  stores: StoreResourceUse[];
  /** when these figures were read (ISO-8601) */
  at: string;
}

/** Renderer → main invokes, one argument object in and one result out: see ./methods. */
type Methods = typeof IPC_METHODS;
export type InvokeMethod = keyof Methods;
/** What a caller passes. */
export type InvokeArg<M extends InvokeMethod> = z.input<Methods[M]['arg']>;
/** What an implementation receives, once dispatch has checked the argument. */
export type ParsedArg<M extends InvokeMethod> = z.output<Methods[M]['arg']>;
export type InvokeResult<M extends InvokeMethod> =
  Methods[M]['result'] extends Returns<infer R> ? R : never;
export type InvokeMap = { [M in InvokeMethod]: { arg: InvokeArg<M>; result: InvokeResult<M> } };

/** Main → renderer events. */
export interface EventMap {
  storeUpdated: Store;
  storeEvent: StoreEvent;
  contextsChanged: ContextList;
  helmInstallProgress: HelmInstallProgress;
  localClusterProgress: LocalClusterProgress;
  /** the tray's Create a store: the page opens its create dialog */
  openCreateStore: null;
  /** lines of a Logs subscription (subscribeStoreLogs) */
  storeLog: StoreLogBatch;
}

export type EventName = keyof EventMap;

/**
 * The method names at run time. Spelled out rather than read from the table so the page's bundle
 * does not carry zod; the two checks below make the compiler refuse any drift between them.
 */
export const INVOKE_METHODS = [
  'listContexts',
  'selectContext',
  'probeContext',
  'listStores',
  'getStore',
  'createStore',
  'cancelStore',
  'retryStore',
  'forgetStore',
  'deleteStore',
  'upgradeStore',
  'rollbackStore',
  'stopStore',
  'startStore',
  'storeHistory',
  'revealCredentials',
  'openStore',
  'toolStatus',
  'storeKinds',
  'systemCheck',
  'installHelm',
  'cancelHelmInstall',
  'createLocalCluster',
  'cancelLocalCluster',
  'startLocalCluster',
  'stopLocalCluster',
  'deleteLocalCluster',
  'getSettings',
  'updateSettings',
  'connectStoreDatabase',
  'disconnectStoreDatabase',
  'revealStoreDatabasePassword',
  'storeLogSources',
  'subscribeStoreLogs',
  'renewStoreLogs',
  'unsubscribeStoreLogs',
  'storeSupportBundle',
  'storeResources',
] as const satisfies readonly InvokeMethod[];

type Unlisted = Exclude<InvokeMethod, (typeof INVOKE_METHODS)[number]>;
const everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyMethodListed;

export const EVENT_NAMES = [
  'storeUpdated',
  'storeEvent',
  'contextsChanged',
  'helmInstallProgress',
  'localClusterProgress',
  'openCreateStore',
  'storeLog',
] as const satisfies readonly EventName[];

export const invokeChannel = (method: InvokeMethod): string => `storefleet:invoke:${method}`;
export const eventChannel = (event: EventName): string => `storefleet:event:${event}`;

export type IpcErrorCode =
  | 'invalid-argument'
  | 'not-found'
  | 'conflict'
  | 'limit-exceeded'
  | 'forbidden'
  | 'not-ready'
  | 'unavailable'
  | 'internal';

/** How an error crosses the bridge: plain data, never a stack. */
export interface IpcErrorPayload {
  code: IpcErrorCode;
  message: string;
  details?: Record<string, string | number | boolean | null>;
}

export type IpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: IpcErrorPayload };

/** The API the renderer sees, whichever transport carries it. */
export type StorefleetApi = {
  [M in InvokeMethod]: (arg: InvokeArg<M>) => Promise<InvokeResult<M>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};
