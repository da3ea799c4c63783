import {
  ALL_PROVISION_STEPS,
  provisionSteps,
  type StepName,
  type StoreEvent,
  type StoreKind,
  type StoreStatus,
} from '../../../../src-shared/types/store-types';

export type StepState = 'pending' | 'running' | 'succeeded' | 'failed';

export interface TimelineStep {
  step: StepName;
  state: StepState;
  startedAt: string | null;
  endedAt: string | null;
  message: string;
}

/**
 * One row per step in the order steps first ran. A step that runs again (resume after a
 * restart, a second upgrade) restarts its row, so the row always describes the latest run.
 */
export function buildTimeline(
  events: readonly StoreEvent[],
  status: StoreStatus,
  kind: StoreKind = 'woocommerce',
): TimelineStep[] {
  const rows = new Map<StepName, TimelineStep>();
  for (const e of events) {
    let row = rows.get(e.step);
    if (!row) {
      row = { step: e.step, state: 'pending', startedAt: null, endedAt: null, message: '' };
      rows.set(e.step, row);
    }
    if (e.status === 'started') {
      row.state = 'running';
      row.startedAt = e.at;
      row.endedAt = null;
    } else if (e.status === 'progress') {
      if (row.state !== 'running') row.startedAt ??= e.at;
      row.state = 'running';
    } else {
      row.state = e.status;
      row.endedAt = e.at;
    }
    if (e.message) row.message = e.message;
  }
  if (status === 'Queued' || status === 'Provisioning') {
    for (const step of provisionSteps(kind)) {
      if (!rows.has(step)) {
        rows.set(step, { step, state: 'pending', startedAt: null, endedAt: null, message: '' });
      }
    }
  }
  return [...rows.values()];
}

/** The message of the last failed event, which for the bootstrap step is the Job's log tail. */
export function failedEventMessage(events: readonly StoreEvent[], step: StepName | null): string {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e && e.status === 'failed' && (step === null || e.step === step)) return e.message;
  }
  return '';
}

export type AttemptKind =
  'create' | 'retry' | 'upgrade' | 'rollback' | 'stop' | 'start' | 'delete' | 'missing' | 'other';
export type AttemptOutcome = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface Attempt {
  kind: AttemptKind;
  /** what a person reads as the attempt's heading, e.g. "Retry" */
  label: string;
  outcome: AttemptOutcome;
  startedAt: string | null;
  endedAt: string | null;
  steps: TimelineStep[];
}

const ATTEMPT_LABEL: Record<AttemptKind, string> = {
  create: 'Create',
  retry: 'Retry',
  upgrade: 'Upgrade',
  rollback: 'Roll back',
  stop: 'Stop',
  start: 'Start',
  delete: 'Delete',
  missing: 'Found missing from the cluster',
  other: 'Other steps',
};

const PROVISION = new Set<StepName>(ALL_PROVISION_STEPS);
const DELETE_STEPS = new Set<StepName>(['uninstall', 'delete-namespace', 'check-leftovers']);
const OP_HEADS: Partial<Record<StepName, AttemptKind>> = {
  upgrade: 'upgrade',
  rollback: 'rollback',
  stop: 'stop',
  start: 'start',
};
const CANCELLED = /\bcancel/i;

function familyOf(step: StepName): 'provision' | 'delete' | 'op' | 'cancel' {
  if (PROVISION.has(step)) return 'provision';
  if (DELETE_STEPS.has(step)) return 'delete';
  if (step === 'cancel') return 'cancel';
  return 'op';
}

interface OpenAttempt {
  kind: AttemptKind;
  family: ReturnType<typeof familyOf>;
  events: StoreEvent[];
  ended: boolean;
}

/**
 * The store's history as attempts, oldest first: the first set-up is "Create", set-up steps that
 * run after a failure or a cancel are a "Retry", and each upgrade, rollback, stop, start and
 * delete is its own attempt. A step that runs again inside an attempt that has not ended (a
 * resume after a restart) stays in that attempt. Only the latest attempt of a store that is
 * still being set up lists the set-up steps still to come.
 */
export function buildAttempts(
  events: readonly StoreEvent[],
  status: StoreStatus,
  storeKind: StoreKind = 'woocommerce',
): Attempt[] {
  const sorted = [...events].sort((a, b) => a.id - b.id);
  const open: OpenAttempt[] = [];
  let provisionSeen = false;
  let readySeen = false;
  for (const e of sorted) {
    // Once the store was Ready, an image step (Medusa's) opens an upgrade, not a set-up.
    const upgradeImage = e.step === 'image' && readySeen;
    const family = upgradeImage ? 'op' : familyOf(e.step);
    const last = open.at(-1);
    const head = OP_HEADS[e.step] ?? (upgradeImage ? 'upgrade' : undefined);
    let startNew = !last;
    if (last && family !== 'cancel') {
      // An upgrade, rollback or start waits for the store's workloads with set-up steps:
      // those belong to it until it ends, and are no Retry.
      const readinessOfOp = last.family === 'op' && !last.ended && family === 'provision';
      // The upgrade step after that upgrade's own image step.
      const afterImage =
        e.step === 'upgrade' &&
        last.kind === 'upgrade' &&
        !last.ended &&
        last.events.every((ev) => ev.step === 'image');
      if (afterImage) startNew = false;
      else if (head && e.status === 'started') startNew = true;
      else if (readinessOfOp) startNew = false;
      else if (family !== last.family) startNew = true;
      else if (last.ended && e.status !== 'failed') startNew = true;
    }
    if (startNew) {
      let kind: AttemptKind;
      if (family === 'provision') kind = provisionSeen ? 'retry' : 'create';
      // The app records a vanished namespace as a failed leftovers check nobody started.
      else if (family === 'delete' && e.step === 'check-leftovers' && e.status === 'failed')
        kind = 'missing';
      else if (family === 'delete') kind = 'delete';
      else kind = head ?? (last ? last.kind : 'other');
      if (family === 'provision') provisionSeen = true;
      open.push({ kind, family, events: [e], ended: false });
    } else if (last) {
      last.events.push(e);
    }
    const current = open.at(-1);
    if (current && (e.status === 'failed' || family === 'cancel')) current.ended = true;
    if (e.step === 'ready' && e.status === 'succeeded') readySeen = true;
  }
  const working = status === 'Queued' || status === 'Provisioning';
  if (open.length === 0 && working) {
    open.push({ kind: 'create', family: 'provision', events: [], ended: false });
  }
  return open.map((a, i) => toAttempt(a, i === open.length - 1 ? status : null, storeKind));
}

function toAttempt(
  a: OpenAttempt,
  latestStatus: StoreStatus | null,
  storeKind: StoreKind,
): Attempt {
  // Pending rows only for the set-up still running; earlier attempts show what happened.
  const working = latestStatus === 'Queued' || latestStatus === 'Provisioning';
  const steps = buildTimeline(a.events, 'Ready');
  if (a.family === 'provision' && working) {
    const order = provisionSteps(storeKind);
    const seen = new Set(steps.map((s) => s.step));
    const lastIndex = Math.max(-1, ...steps.map((s) => order.indexOf(s.step)));
    order.forEach((step, i) => {
      if (i > lastIndex && !seen.has(step)) {
        steps.push({ step, state: 'pending', startedAt: null, endedAt: null, message: '' });
      }
    });
  }
  const first = a.events[0];
  const lastEvent = a.events.at(-1);
  const failed = a.events.find((e) => e.status === 'failed');
  const cancelled =
    a.events.some((e) => e.step === 'cancel') ||
    (failed !== undefined && CANCELLED.test(failed.message)) ||
    String(latestStatus) === 'Cancelled';
  const running = steps.some((s) => s.state === 'running') || (working && !failed);
  const outcome: AttemptOutcome = cancelled
    ? 'cancelled'
    : failed
      ? 'failed'
      : running
        ? 'running'
        : 'succeeded';
  return {
    kind: a.kind,
    label: ATTEMPT_LABEL[a.kind],
    outcome,
    startedAt: first?.at ?? null,
    endedAt: outcome === 'running' ? null : (lastEvent?.at ?? null),
    steps,
  };
}
