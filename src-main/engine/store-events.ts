import type { PendingOp, StoreRepository } from '../db/store-repository';
import type {
  StepName,
  StepStatus,
  Store,
  StoreEvent,
  StoreStatus,
} from '../../src-shared/types/store-types';
import { capDetails } from './failure-reason';
import type { Redactor } from './redactor';

/** Statuses Retry applies to: their retry operation is kept until the store moves on. */
const RETRYABLE: ReadonlySet<StoreStatus> = new Set(['Failed', 'Cancelled']);

/**
 * A change of a store's status: where it stands, the work pending for it (null = none), and
 * the event that says why. All of it is written in one transaction, or none of it.
 */
export interface Transition {
  status: StoreStatus;
  step: StepName | null;
  error: string | null;
  /** what the tool said, behind Details; cleared whenever `error` is (absent = none) */
  errorDetails?: string | null;
  pendingOp: PendingOp | null;
  /** what Retry would run; left as it is when absent, and cleared by any non-failed status */
  retryOp?: PendingOp | null;
  event?: { step: StepName; status: StepStatus; message: string };
}

type Listener<T> = (value: T) => void;

/**
 * The one way the engine records progress: every message passes the redactor, is persisted,
 * then pushed to listeners. A throwing listener is logged and never stops the engine.
 */
export class StoreEvents {
  private readonly storeListeners = new Set<Listener<Store>>();
  private readonly eventListeners = new Set<Listener<StoreEvent>>();

  constructor(
    private readonly repo: StoreRepository,
    private readonly redactor: Redactor,
    private readonly now: () => Date,
    private readonly log: (line: string) => void,
  ) {}

  onStoreUpdated(listener: Listener<Store>): () => void {
    this.storeListeners.add(listener);
    return () => this.storeListeners.delete(listener);
  }

  onStoreEvent(listener: Listener<StoreEvent>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  event(storeId: string, step: StepName, status: StepStatus, message: string): StoreEvent {
    const safe = this.redactor.redact(storeId, message);
    const event = this.repo.appendEvent({
      storeId,
      step,
      status,
      message: safe,
      at: this.now().toISOString(),
    });
    this.log(`store ${storeId} ${step} ${status}: ${safe}`);
    this.notify(this.eventListeners, event);
    return event;
  }

  /**
   * The one way a store changes status: its row, its pending operation and the event are
   * written in one immediate transaction, then pushed. A crash in between leaves all or none.
   */
  transition(storeId: string, t: Transition): Store {
    const at = this.now().toISOString();
    const error = t.error === null ? null : this.redactor.redact(storeId, t.error);
    const details =
      t.error === null || !t.errorDetails
        ? null
        : capDetails(this.redactor.redact(storeId, t.errorDetails));
    const retryOp = t.retryOp ?? (RETRYABLE.has(t.status) ? undefined : null);
    const { store, event } = this.repo.transaction(() => {
      const store = this.repo.update(storeId, {
        status: t.status,
        step: t.step,
        error,
        errorDetails: details,
        updatedAt: at,
      });
      this.repo.setPendingOp(storeId, t.pendingOp);
      if (retryOp !== undefined) this.repo.setRetryOp(storeId, retryOp);
      const event = t.event
        ? this.repo.appendEvent({
            storeId,
            step: t.event.step,
            status: t.event.status,
            message: this.redactor.redact(storeId, t.event.message),
            at,
          })
        : null;
      return { store, event };
    });
    this.published(store);
    if (event) {
      this.log(`store ${storeId} ${event.step} ${event.status}: ${event.message}`);
      this.notify(this.eventListeners, event);
    }
    return store;
  }

  update(storeId: string, patch: Partial<Omit<Store, 'id'>>): Store {
    const safe = { ...patch };
    if (typeof patch.error === 'string') safe.error = this.redactor.redact(storeId, patch.error);
    // Details belong to an error: clearing it clears them.
    if (patch.error === null) safe.errorDetails = null;
    else if (typeof patch.errorDetails === 'string') {
      safe.errorDetails = capDetails(this.redactor.redact(storeId, patch.errorDetails));
    }
    const store = this.repo.update(storeId, { ...safe, updatedAt: this.now().toISOString() });
    this.published(store);
    return store;
  }

  /** Pushes a store that was written elsewhere (insert, import). */
  published(store: Store): void {
    this.notify(this.storeListeners, store);
  }

  private notify<T>(listeners: Set<Listener<T>>, value: T): void {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        this.log(`a listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
