import type { StepName } from '../../src-shared/types/store-types';
import { isWaitTimeout, summarizeFailure } from './failure-reason';
import { StepFailure, throwIfAborted, type OpContext, type WorkStatus } from './op-context';

/**
 * Runs one step: records `started`, runs it, records `succeeded` with what it returned.
 * A failure becomes a StepFailure naming the step; an abort passes through untouched.
 */
export async function runStep(
  ctx: OpContext,
  status: WorkStatus,
  step: StepName,
  fn: (progress: (message: string) => void) => Promise<string>,
  /** the started event's message, when the step's own (below) does not fit */
  started?: string,
): Promise<void> {
  throwIfAborted(ctx.signal);
  if (ctx.resumeFrom !== undefined) {
    // A retry: this step succeeded in the run that failed, and its work is still there.
    if (ctx.resumeFrom !== step) return;
    ctx.resumeFrom = undefined;
  }
  ctx.store = ctx.events.update(ctx.store.id, { status, step, error: null, errorDetails: null });
  ctx.events.event(ctx.store.id, step, 'started', started ?? STARTED[step] ?? `${step} started`);
  const progress = (message: string): void => {
    if (!ctx.signal.aborted) ctx.events.event(ctx.store.id, step, 'progress', message);
  };
  let message: string;
  try {
    message = await fn(progress);
  } catch (error) {
    throwIfAborted(ctx.signal);
    if (error instanceof StepFailure) throw error;
    let { reason, details } = summarizeFailure(error);
    if (isWaitTimeout(error)) {
      const stuck = await ctx.cluster.unschedulablePods(ctx.store.namespace).catch(() => []);
      if (stuck.length > 0) {
        reason = `${reason} ${stuck[0] ?? ''}`.trim();
        if (stuck.length > 1) details = [details, ...stuck].filter(Boolean).join('\n');
      }
    }
    throw new StepFailure(step, reason, { cause: error, details });
  }
  throwIfAborted(ctx.signal);
  ctx.events.event(ctx.store.id, step, 'succeeded', message);
}

const STARTED: Partial<Record<StepName, string>> = {
  validate: 'Checking the store kind, chart and Helm',
  namespace: 'Creating the namespace',
  helm: 'Installing the Helm release',
  image: "Making the store's image ready",
  verify: 'Placing an order through the storefront',
  ready: 'Marking the store ready',
  upgrade: 'Upgrading the Helm release',
  rollback: 'Rolling back the Helm release',
  stop: 'Stopping the store (scaling WordPress and MariaDB to zero)',
  start: 'Starting the store',
  uninstall: 'Uninstalling the Helm release',
  'delete-namespace': 'Deleting the namespace',
  'check-leftovers': 'Checking that nothing is left',
};
