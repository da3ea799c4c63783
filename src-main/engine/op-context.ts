import type { StoreSettings } from '../db/store-repository';
import type { StoreKindDriver, StoreRef } from '../store-kinds/driver';
import type { StepName, Store, StoreStatus } from '../../src-shared/types/store-types';
import type { StoreCluster } from './cluster-port';
import type { Redactor } from './redactor';
import type { StoreEvents } from './store-events';

/** The slice of StoreEvents an operation writes through; guarded so an aborted op writes nothing. */
export type OpEvents = Pick<StoreEvents, 'update' | 'event' | 'transition'>;

import type { KubeTarget } from '../kube/client';

export type { KubeTarget } from '../kube/client';

export interface EngineTimeouts {
  helmMs: number;
  waitMs: number;
  verifyMs: number;
  deleteMs: number;
  /** how long a release left pending by an interrupted Helm may take to settle on its own */
  pendingReleaseMs: number;
  /** how long one Kubernetes API call may go unanswered before it fails */
  kubeCallMs: number;
}

export const DEFAULT_TIMEOUTS: EngineTimeouts = {
  helmMs: 5 * 60_000,
  waitMs: 10 * 60_000,
  verifyMs: 2 * 60_000,
  deleteMs: 5 * 60_000,
  pendingReleaseMs: 20_000,
  kubeCallMs: 30_000,
};

/** Everything one operation on one store needs; built fresh for each run. */
export interface OpContext {
  store: Store;
  ref: StoreRef;
  driver: StoreKindDriver;
  cluster: StoreCluster;
  target: KubeTarget;
  signal: AbortSignal;
  events: OpEvents;
  redactor: Redactor;
  timeouts: EngineTimeouts;
  storeDomain: string;
  valuesFile: string;
  overrideValues: Record<string, unknown> | undefined;
  /** the store's kept chart settings: every Helm run builds its values from them */
  settings: KeptSettings;
  /**
   * A retry: steps before this one succeeded in the run that failed and are skipped; cleared
   * once this step is reached. A step not in the operation runs it from the start.
   */
  resumeFrom?: StepName;
}

export interface KeptSettings {
  get(): StoreSettings;
  set(settings: StoreSettings): void;
}

/** A step's failure, tagged with the step so the store can show Failed(step, reason). */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
  /** what the tool or workload said, for Details; the message is the one-sentence reason */
  readonly details: string | null;
  constructor(
    readonly step: StepName,
    message: string,
    options?: { cause?: unknown; details?: string | null },
  ) {
    super(message, options);
    this.details = options?.details ?? null;
  }
}

/** Why an operation's signal was aborted; only 'cancel' writes a status, the others leave it. */
export type AbortKind = 'cancel' | 'superseded' | 'shutdown';

export class OpAborted extends Error {
  override readonly name = 'OpAborted';
  constructor(readonly kind: AbortKind) {
    super(`operation stopped (${kind})`);
  }
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) {
    throw signal.reason instanceof OpAborted ? signal.reason : new OpAborted('shutdown');
  }
}

/** `events` that refuse to write once `signal` is aborted: whoever aborted owns the store now. */
export function guardedEvents(events: StoreEvents, signal: AbortSignal): OpEvents {
  return {
    update: (id, patch) => {
      throwIfAborted(signal);
      return events.update(id, patch);
    },
    event: (id, step, status, message) => {
      throwIfAborted(signal);
      return events.event(id, step, status, message);
    },
    transition: (id, t) => {
      throwIfAborted(signal);
      return events.transition(id, t);
    },
  };
}

export function refOf(store: Store): StoreRef {
  return { id: store.id, name: store.name, namespace: store.namespace };
}

export type WorkStatus = Extract<StoreStatus, 'Provisioning' | 'Updating' | 'Deleting'>;
