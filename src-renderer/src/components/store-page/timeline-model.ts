import type { StepName, StoreEvent, StoreStatus } from '../../../../src-shared/types/store-types';
import { PROVISION_STEPS } from '../../lib/status';

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
export function buildTimeline(events: readonly StoreEvent[], status: StoreStatus): TimelineStep[] {
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
    for (const step of PROVISION_STEPS) {
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
