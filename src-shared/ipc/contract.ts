// The one IPC contract between renderer and main. Main, preload, the browser transport and the
// renderer all derive their types from this file; nothing is declared twice.
import type { Store, StoreEvent, StoreKind, StoreWithEvents } from '../types/store-types';
import type {
  ContextProbe,
  CreateStoreInput,
  HelmRevision,
  KubeContextInfo,
  Settings,
  StoreCredentials,
  ToolInfo,
  UpgradeInput,
} from '../types/service-types';

export interface ContextList {
  contexts: KubeContextInfo[];
  errors: { file: string; message: string }[];
  selected: string | null;
}

export interface StoreKindInfo {
  kind: StoreKind | 'medusa';
  displayName: string;
  available: boolean;
}

type Empty = Record<string, never>;

/** Renderer → main invokes: one argument object in, one result out. */
export interface InvokeMap {
  listContexts: { arg: Empty; result: ContextList };
  selectContext: { arg: { context: string }; result: ContextList };
  probeContext: { arg: { context: string }; result: ContextProbe };
  listStores: { arg: { context: string }; result: Store[] };
  getStore: { arg: { storeId: string }; result: StoreWithEvents };
  createStore: { arg: CreateStoreInput; result: Store };
  cancelStore: { arg: { storeId: string }; result: null };
  deleteStore: { arg: { storeId: string }; result: null };
  upgradeStore: { arg: UpgradeInput; result: null };
  rollbackStore: { arg: { storeId: string; revision: number }; result: null };
  stopStore: { arg: { storeId: string }; result: null };
  startStore: { arg: { storeId: string }; result: null };
  storeHistory: { arg: { storeId: string }; result: HelmRevision[] };
  revealCredentials: { arg: { storeId: string }; result: StoreCredentials };
  openStore: { arg: { storeId: string; target: 'storefront' | 'admin' }; result: null };
  toolStatus: { arg: Empty; result: ToolInfo[] };
  storeKinds: { arg: Empty; result: StoreKindInfo[] };
  getSettings: { arg: Empty; result: Settings };
  updateSettings: { arg: Partial<Omit<Settings, 'selectedContext'>>; result: Settings };
}

/** Main → renderer events. */
export interface EventMap {
  storeUpdated: Store;
  storeEvent: StoreEvent;
  contextsChanged: ContextList;
}

export type InvokeMethod = keyof InvokeMap;
export type EventName = keyof EventMap;
export type InvokeArg<M extends InvokeMethod> = InvokeMap[M]['arg'];
export type InvokeResult<M extends InvokeMethod> = InvokeMap[M]['result'];

export const INVOKE_METHODS = [
  'listContexts',
  'selectContext',
  'probeContext',
  'listStores',
  'getStore',
  'createStore',
  'cancelStore',
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
  'getSettings',
  'updateSettings',
] as const satisfies readonly InvokeMethod[];

export const EVENT_NAMES = [
  'storeUpdated',
  'storeEvent',
  'contextsChanged',
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
