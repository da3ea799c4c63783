import type { StoreRepository } from '../db/store-repository';
import type { StepName, StepStatus, Store, StoreEvent } from '../../src-shared/types/store-types';
import type { Redactor } from './redactor';

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

  update(storeId: string, patch: Partial<Omit<Store, 'id'>>): Store {
    const safe =
      typeof patch.error === 'string'
        ? { ...patch, error: this.redactor.redact(storeId, patch.error) }
        : patch;
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
