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
