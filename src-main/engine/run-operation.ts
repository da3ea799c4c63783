import type { PendingOp, StoreRepository } from '../db/store-repository';
import type { StoreKindDriver, StoreRef } from '../store-kinds/driver';
import type { StepName, Store, StoreKind } from '../../src-shared/types/store-types';
import { rollbackStore, upgradeStore } from './change-op';
import type { StoreCluster } from './cluster-port';
import type { ConcurrencyLimiter } from './concurrency-limiter';
import { deleteStore } from './delete-op';
import { DELETE_STEPS } from './transitions';
import { summarizeFailure } from './failure-reason';
import {
  OpAborted,
  StepFailure,
  guardedEvents,
  refOf,
  throwIfAborted,
  type EngineTimeouts,
  type KubeTarget,
  type OpContext,
} from './op-context';
import { startStore, stopStore } from './power-op';
import { provisionStore } from './provision-op';
import type { Redactor } from './redactor';
import type { StoreEvents } from './store-events';

export interface OperationDeps {
  storeId: string;
  op: PendingOp;
  signal: AbortSignal;
  repo: StoreRepository;
  events: StoreEvents;
  redactor: Redactor;
  limiter: ConcurrencyLimiter;
  timeouts: EngineTimeouts;
  /** the store's cluster access, its calls bound to `signal` */
  connect(
    store: Store,
    signal: AbortSignal,
  ): Promise<{ cluster: StoreCluster; driver: StoreKindDriver; target: KubeTarget }>;
  valuesFile(kind: StoreKind): string;
  storeDomain: string;
  overrideValues?: (store: StoreRef) => Record<string, unknown> | undefined;
  log(line: string): void;
}

const FIRST_STEP: Record<PendingOp['op'], StepName> = {
  provision: 'validate',
  delete: 'uninstall',
  upgrade: 'upgrade',
  rollback: 'rollback',
  stop: 'stop',
  start: 'start',
};

/**
 * Runs one pending operation to its end state and clears it. All but delete take a slot of the concurrency limit; delete does not, so cleaning up is never stuck behind
 * work. When aborted, it writes nothing: whoever aborted it owns the store's state.
 */
export async function runOperation(d: OperationDeps): Promise<void> {
  const initial = d.repo.get(d.storeId);
  if (!initial) return;
  const events = guardedEvents(d.events, d.signal);
  let release: (() => void) | null = null;
  let ctx: OpContext | null = null;
  try {
    if (d.op.op !== 'delete') release = await d.limiter.acquire(d.signal);
    throwIfAborted(d.signal);
    const { cluster, driver, target } = await d.connect(initial, d.signal);
    const store = d.repo.get(d.storeId) ?? initial;
    ctx = {
      store,
      ref: refOf(store),
      driver,
      cluster,
      target,
      signal: d.signal,
      events,
      redactor: d.redactor,
      timeouts: d.timeouts,
      storeDomain: d.storeDomain,
      valuesFile: d.valuesFile(store.kind),
      overrideValues: d.overrideValues?.(refOf(store)),
      settings: {
        get: () => d.repo.settings(d.storeId),
        set: (settings) => {
          throwIfAborted(d.signal);
          d.repo.setSettings(d.storeId, settings);
        },
      },
      resumeFrom: resumableStep(d.op, driver, refOf(store)),
    };
    switch (d.op.op) {
      case 'provision':
        await provisionStore(ctx);
        finish(events, ctx.store, 'Ready');
        return;
      case 'upgrade':
        await upgradeStore(ctx, d.op.values);
        finish(events, ctx.store, 'Ready');
        return;
      case 'rollback':
        finish(events, ctx.store, await rollbackStore(ctx, d.op.revision));
        return;
      case 'delete':
        await deleteStore(ctx);
        finish(events, ctx.store, 'Deleted');
        d.redactor.forget(d.storeId);
        return;
      case 'stop':
        await stopStore(ctx);
        finish(events, ctx.store, 'Stopped');
        return;
      case 'start':
        await startStore(ctx);
        finish(events, ctx.store, 'Ready');
        return;
    }
  } catch (error) {
    if (d.signal.aborted || error instanceof OpAborted) return;
    const step =
      error instanceof StepFailure
        ? error.step
        : (ctx?.store.step ?? d.repo.get(d.storeId)?.step ?? FIRST_STEP[d.op.op]);
    const summary =
      error instanceof StepFailure
        ? { reason: error.message, details: error.details }
        : summarizeFailure(error);
    const reason = d.redactor.redact(d.storeId, summary.reason);
    events.transition(d.storeId, {
      status: 'Failed',
      step,
      error: reason,
      errorDetails: summary.details,
      pendingOp: null,
      // Retry runs the same operation again from the step that failed.
      retryOp: { ...withoutResume(d.op), resumeFrom: step },
      event: { step, status: 'failed', message: reason },
    });
  } finally {
    release?.();
  }
}

/** The steps an operation runs, in order; a retry may start at any of them. */
export function operationSteps(
  op: PendingOp['op'],
  driver: StoreKindDriver,
  ref: StoreRef,
): readonly StepName[] {
  const readiness = driver.readiness(ref);
  const waits = readiness.map((r) => r.step);
  const running = readiness.filter((r) => !r.setup).map((r) => r.step);
  const image: StepName[] = driver.prepare ? ['image'] : [];
  switch (op) {
    case 'provision':
      return PROVISION_ORDER.flatMap((s) => (s === 'waits' ? waits : s === 'image' ? image : [s]));
    case 'upgrade':
      return [...image, op, ...waits, 'verify'];
    case 'rollback':
      return [op, ...waits, 'verify'];
    case 'start':
      return ['start', ...running, 'verify'];
    case 'stop':
      return ['stop'];
    case 'delete':
      return DELETE_STEPS;
  }
}

const PROVISION_ORDER = [
  'validate',
  'image',
  'namespace',
  'helm',
  'waits',
  'verify',
  'ready',
] as const;

/** A retry's first step when the operation has it; otherwise the operation runs whole. */
function resumableStep(
  op: PendingOp,
  driver: StoreKindDriver,
  ref: StoreRef,
): StepName | undefined {
  if (op.resumeFrom === undefined || op.op === 'delete') return undefined;
  return operationSteps(op.op, driver, ref).includes(op.resumeFrom) ? op.resumeFrom : undefined;
}

export function withoutResume(op: PendingOp): PendingOp {
  const { resumeFrom: _ignored, ...rest } = op;
  return rest;
}

function finish(
  events: ReturnType<typeof guardedEvents>,
  store: Store,
  status: 'Ready' | 'Stopped' | 'Deleted',
): void {
  events.transition(store.id, { status, step: null, error: null, pendingOp: null });
}
