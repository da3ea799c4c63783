import type { PendingOp } from '../db/store-repository';
import type {
  CreateStoreInput,
  HelmRevision,
  StoreCredentials,
  StoreService,
  UpgradableValue,
  UpgradeInput,
} from '../../src-shared/types/service-types';
import {
  provisionSteps,
  type Store,
  type StoreEvent,
  type StoreWithEvents,
} from '../../src-shared/types/store-types';
import { isToolError } from '../tools/tool-error';
import { ClusterAccess } from './cluster-access';
import { readCredentials } from './credentials';
import { readAdminLoginUrl } from './admin-login';
import type { EngineDeps } from './engine-deps';
import { EngineError, invalidArgument } from './engine-error';
import { MemoryCaps, checkMemoryLimit } from './memory-cap';
import { admitNewStore } from './new-store';
import { DEFAULT_TIMEOUTS, type EngineTimeouts } from './op-context';
import { Redactor } from './redactor';
import { rediscoverContext, type RediscoveryResult } from './rediscover';
import { runOperation } from './run-operation';
import { OperationScheduler } from './scheduler';
import { StoreEvents } from './store-events';
import {
  DELETE_STEPS,
  GONE_STATUSES,
  allowedStatuses,
  isActionAllowed,
  nothingInCluster,
  refusalCode,
  type StoreAction,
} from './transitions';
import { helmMayHaveRun } from './provision-op';
import { RevisionSettingsCache, describeHistory } from './revision-history';
import { NamespaceWatcher } from './namespace-watcher';
import { join } from 'node:path';
import type { StoreSettings } from '../db/store-repository';
import type { StoreKindDriver } from '../store-kinds/driver';
import { keptSettings } from './store-settings';
import { deepMerge, readValuesFile } from './values-file';
import {
  parseCreateInput,
  parseUpgradeInput,
  validateContext,
  validateRevision,
  validateStoreId,
} from './validate-input';
import { refusalMessage } from './refusal-message';

const CANCELLED = 'Cancelled by user';
/** How long a forget waits for a cluster before it counts as unreachable. */
const FORGET_PROBE_MS = 3_000;

/**
 * The engine's commands: each validates its input and the store's status, records the
 * transition, and hands the work to the scheduler. Nothing here waits for a cluster except
 * the reads that answer a caller (history, credentials, rediscovery).
 */
export class StoreEngine implements StoreService {
  private readonly redactor = new Redactor();
  private readonly events: StoreEvents;
  private readonly scheduler: OperationScheduler;
  private readonly access: ClusterAccess;
  private readonly timeouts: EngineTimeouts;
  private readonly now: () => Date;
  private readonly logLine: (line: string) => void;
  private readonly memoryCaps: MemoryCaps;
  private readonly revisions = new RevisionSettingsCache();
  private readonly watcher: NamespaceWatcher;
  private closed = false;

  constructor(private readonly deps: EngineDeps) {
    this.memoryCaps = new MemoryCaps((kind) => {
      const driver = deps.kinds.driver(kind);
      return driver ? { chart: driver.chartPath, values: deps.valuesFile(driver.kind) } : null;
    });
    this.now = deps.now ?? (() => new Date());
    const log = deps.log ?? (() => undefined);
    this.logLine = (line) => log(this.redactor.redactAll(line));
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
    this.events = new StoreEvents(deps.repo, this.redactor, this.now, this.logLine);
    this.access = new ClusterAccess({ ...deps, kubeCallMs: this.timeouts.kubeCallMs });
    this.watcher = new NamespaceWatcher({
      connect: (context, signal) => this.access.forContext(context, undefined, signal),
      rediscover: (context) => this.rediscover(context),
      log: this.logLine,
      ...deps.namespaceWatch,
    });
    this.scheduler = new OperationScheduler({
      limit: () => deps.settings.get().maxConcurrentProvisions,
      log: this.logLine,
      run: ({ storeId, op, signal, limiter }) =>
        runOperation({
          storeId,
          op,
          signal,
          limiter,
          repo: deps.repo,
          events: this.events,
          redactor: this.redactor,
          timeouts: this.timeouts,
          connect: (store, s) => this.access.forStore(store, s),
          valuesFile: (kind) => deps.valuesFile(kind),
          storeDomain: deps.storeDomain,
          overrideValues: deps.overrideValues,
          log: this.logLine,
        }),
    });
  }

  list(context: string): Store[] {
    return this.deps.repo.list(validateContext(context));
  }

  get(storeId: string): StoreWithEvents {
    const store = this.mustGet(storeId);
    return { store, events: this.deps.repo.events(store.id) };
  }

  create(input: CreateStoreInput): Store {
    this.assertOpen();
    const { context, name, kind } = parseCreateInput(input, this.deps.kinds.installed());
    const driver = this.deps.kinds.driver(kind);
    if (!driver?.available) {
      const reason = driver?.unavailableReason ? ` ${driver.unavailableReason}` : '';
      throw new EngineError(
        'unavailable',
        `${driver?.displayName ?? kind} stores cannot be created from this installation.${reason}`,
      );
    }
    const store = admitNewStore({
      repo: this.deps.repo,
      driver,
      context,
      name,
      kind,
      settings: this.deps.settings.get(),
      now: this.now(),
      storeDomain: this.deps.storeDomain,
      storefrontPort: this.deps.storefrontPort,
    });
    this.events.published(store);
    this.scheduler.schedule(store.id, { op: 'provision' });
    return store;
  }

  /**
   * Queued/Provisioning → Cancelled at the step it had reached; resolves once the work has
   * stopped. Retry goes on from that step, Delete removes what it made.
   */
  async cancel(storeId: string): Promise<void> {
    const store = this.mustAllow('cancel', storeId);
    const step = store.step ?? 'validate';
    this.events.transition(store.id, {
      status: 'Cancelled',
      step,
      error: CANCELLED,
      pendingOp: null,
      retryOp: { op: 'provision', resumeFrom: step },
      event: { step, status: 'failed', message: CANCELLED },
    });
    await this.scheduler.abort(store.id, 'cancel');
  }

  /**
   * Failed/Cancelled → runs the operation that stopped again, from the step that stopped it:
   * the steps before it succeeded and their work is kept (every step is safe to run again).
   */
  retry(storeId: string): Promise<void> {
    return settle(() => {
      this.assertOpen();
      const store = this.mustAllow('retry', storeId);
      const op = this.deps.repo.retryOp(store.id) ?? inferredRetry(store);
      if (!op) {
        throw new EngineError(
          'conflict',
          `Storefleet cannot tell what to retry for the store ${store.name}. Upgrade, roll back or delete it instead.`,
        );
      }
      if (op.op === 'delete') {
        this.startDelete(store.id);
        return;
      }
      const step = op.resumeFrom ?? store.step;
      const message = 'Retrying from this step; the steps before it are kept.';
      this.events.transition(store.id, {
        status: op.op === 'provision' ? 'Queued' : 'Updating',
        step,
        error: null,
        pendingOp: op,
        retryOp: null,
        event: { step: step ?? 'validate', status: 'started', message },
      });
      this.scheduler.schedule(store.id, op);
    });
  }

  /**
   * Removes the store's row and events, nothing in the cluster: for a store whose cluster
   * objects are gone (Missing, Deleted) or whose cluster cannot be reached.
   */
  async forget(storeId: string): Promise<void> {
    this.assertOpen();
    const store = this.mustGet(storeId);
    if (!GONE_STATUSES.includes(store.status) && !(await this.leftNothing(store))) {
      throw new EngineError(
        'conflict',
        `The store ${store.name} still exists in context ${store.context}. Delete it instead of forgetting it.`,
      );
    }
    await this.scheduler.abort(store.id, 'superseded');
    this.deps.repo.remove(store.id);
    this.redactor.forget(store.id);
    this.revisions.forget(`${store.id}:`);
    const at = this.now().toISOString();
    // Lists drop a Deleted store; nothing of it is left to read.
    this.events.published({ ...store, status: 'Deleted', step: null, updatedAt: at });
  }

  /**
   * True when nothing of the store can be reached: its cluster does not answer, or a delete
   * that stopped half-way (Failed at one of its steps) left nothing behind after all.
   */
  private async leftNothing(store: Store): Promise<boolean> {
    const deleting =
      store.step !== null && (DELETE_STEPS as readonly string[]).includes(store.step);
    if ((store.status === 'Failed' || store.status === 'Cancelled') && deleting) {
      try {
        const cluster = await this.access.forContext(store.context, FORGET_PROBE_MS);
        return (await cluster.findLeftovers(store.namespace, store.id)).length === 0;
      } catch {
        return true;
      }
    }
    return !(await this.reachable(store.context));
  }

  /** True when the context's API server answers within a few seconds. */
  private async reachable(context: string): Promise<boolean> {
    try {
      const cluster = await this.access.forContext(context, FORGET_PROBE_MS);
      await cluster.listManagedNamespaces();
      return true;
    } catch {
      return false;
    }
  }

  delete(storeId: string): Promise<void> {
    return settle(() => this.startDelete(storeId));
  }

  private startDelete(storeId: string): void {
    this.assertOpen();
    const store = this.mustAllow('delete', storeId);
    if (store.status === 'Deleting' && this.scheduler.current(store.id)?.op === 'delete') return;
    if (nothingInCluster(store.status, store.step)) {
      void this.scheduler.abort(store.id, 'superseded');
      this.events.transition(store.id, {
        status: 'Deleted',
        step: null,
        error: null,
        pendingOp: null,
        event: {
          step: 'check-leftovers',
          status: 'succeeded',
          message: 'Nothing was created in the cluster',
        },
      });
      return;
    }
    this.events.transition(store.id, {
      status: 'Deleting',
      step: 'uninstall',
      error: null,
      pendingOp: { op: 'delete' },
    });
    void this.scheduler.abort(store.id, 'superseded');
    this.scheduler.schedule(store.id, { op: 'delete' });
  }

  upgrade(input: UpgradeInput): Promise<void> {
    return settle(() => {
      this.assertOpen();
      const { storeId, values } = parseUpgradeInput(input);
      const store = this.mustAllow('upgrade', storeId);
      this.mustHaveRelease(store, 'upgrade');
      const driver = this.deps.kinds.driver(store.kind);
      if (driver) refuseOtherKindsValues(driver, Object.keys(values));
      if (values.memoryLimit !== undefined) {
        checkMemoryLimit(values.memoryLimit, this.memoryCaps.of(store.kind));
      }
      this.accept(store, 'upgrade', { op: 'upgrade', values });
    });
  }

  /** Ready → Stopped: scales the store to zero with the values of its last install, data kept. */
  stop(storeId: string): Promise<void> {
    return settle(() => {
      this.assertOpen();
      this.accept(this.mustAllow('stop', storeId), 'stop', { op: 'stop' });
    });
  }

  /** Stopped → Ready: scales the store back up and places a real order before it is Ready. */
  start(storeId: string): Promise<void> {
    return settle(() => {
      this.assertOpen();
      this.accept(this.mustAllow('start', storeId), 'start', { op: 'start' });
    });
  }

  async rollback(storeId: string, revision: number): Promise<void> {
    this.assertOpen();
    validateRevision(revision);
    this.mustHaveRelease(this.mustAllow('rollback', storeId), 'roll back');
    const revisions = await this.history(storeId);
    const target = revisions.find((r) => r.revision === revision);
    if (!target) {
      const known = revisions.map((r) => r.revision).join(', ') || 'none';
      throw invalidArgument(
        `Revision ${revision} is not in this store's history (revisions: ${known}).`,
      );
    }
    if (target.current) {
      throw new EngineError(
        'conflict',
        `Revision ${revision} is the store's current revision; pick an earlier one to roll back to.`,
      );
    }
    // Checked again: the store may have changed while Helm answered.
    const store = this.mustAllow('rollback', storeId);
    this.accept(store, 'rollback', { op: 'rollback', revision });
  }

  async history(storeId: string): Promise<HelmRevision[]> {
    const store = this.mustAllow('history', storeId);
    const { cluster, driver } = await this.access.forStore(store);
    const release = driver.releaseName(store);
    let raw;
    try {
      raw = await cluster.helm.history(release, store.namespace);
    } catch (error) {
      if (isToolError(error, 'release-not-found')) return [];
      throw error;
    }
    return describeHistory(raw, {
      storeId: store.id,
      cluster,
      driver,
      release,
      namespace: store.namespace,
      cache: this.revisions,
      rollbackAllowed: isActionAllowed('rollback', store.status),
      redact: (text) => this.redactor.redact(store.id, text),
      defaults: chartDefaults(driver, this.deps.valuesFile(store.kind)),
    });
  }

  async revealCredentials(storeId: string): Promise<StoreCredentials> {
    const store = this.mustGet(storeId);
    if (!store.adminAvailable) {
      throw new EngineError(
        'not-ready',
        `The admin login of ${store.name} can be shown once ${store.kind === 'medusa' ? 'Medusa' : 'WordPress'} answers, at the latest when the store is Ready (it is ${store.status}).`,
      );
    }
    const { cluster, driver } = await this.access.forStore(store);
    const credentials = await readCredentials(cluster, driver, store, this.redactor);
    // Public by design (every storefront request carries it); learned by the store's verify.
    const publishableKey = this.deps.repo.settings(store.id).publishableKey;
    return publishableKey === undefined ? credentials : { ...credentials, publishableKey };
  }

  /** A one-click admin login URL, read from the store's Secret each time; null without one. */
  async adminLoginUrl(storeId: string): Promise<string | null> {
    const store = this.mustGet(storeId);
    if (!store.adminAvailable) return null;
    const { cluster, driver } = await this.access.forStore(store);
    return readAdminLoginUrl(cluster, driver, store, this.redactor);
  }

  onStoreUpdated(listener: (store: Store) => void): () => void {
    return this.events.onStoreUpdated(listener);
  }

  onStoreEvent(listener: (event: StoreEvent) => void): () => void {
    return this.events.onStoreEvent(listener);
  }

  /** Resumes work left pending by the last run, then rediscovers stores in every known context. */
  async resume(): Promise<void> {
    this.assertOpen();
    this.scheduler.resumePending(this.deps.repo, this.events);
    const contexts = new Set(this.deps.repo.list().map((s) => s.context));
    const selected = this.deps.settings.get().selectedContext;
    if (selected) contexts.add(selected);
    for (const c of this.deps.knownContexts?.() ?? []) contexts.add(c);
    await Promise.all(
      [...contexts].map((context) =>
        this.rediscover(context).catch((error: unknown) => {
          this.logLine(
            `rediscovery in ${context} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }),
      ),
    );
  }

  /** Imports store namespaces the database does not know and marks vanished ones Missing. */
  async rediscover(context: string): Promise<RediscoveryResult> {
    validateContext(context);
    const cluster = await this.access.forContext(context);
    const pending = new Set(this.deps.repo.pendingOps().map((p) => p.storeId));
    return rediscoverContext({
      context,
      cluster,
      repo: this.deps.repo,
      events: this.events,
      kinds: this.deps.kinds,
      storeDomain: this.deps.storeDomain,
      storefrontPort: this.deps.storefrontPort,
      valuesFile: (kind) => this.deps.valuesFile(kind),
      now: this.now,
      busy: (id) => this.scheduler.isBusy(id) || pending.has(id),
      log: this.logLine,
    });
  }

  /**
   * Keeps the stores of `context` (the selected one) in line with its namespaces as they change:
   * one deleted outside the app turns its store Missing within seconds, and back when it returns.
   * Replaces the context watched before.
   */
  watchContext(context: string): void {
    if (this.closed) return;
    this.watcher.watch(validateContext(context));
  }

  /** Stops taking work and interrupts running steps so that the next start resumes them. */
  async shutdown(): Promise<void> {
    this.closed = true;
    await this.watcher.stop();
    this.access.shutdown();
    await this.scheduler.shutdown();
  }

  /** Resolves when the store has no operation running or waiting; for callers that must wait. */
  settled(storeId: string): Promise<void> {
    return this.scheduler.settled(storeId);
  }

  /** Concurrency slots in use and operations waiting for one. */
  get slots(): { active: number; waiting: number } {
    return this.scheduler.slots;
  }

  private accept(
    store: Store,
    step: 'upgrade' | 'rollback' | 'stop' | 'start',
    op: PendingOp,
  ): void {
    this.events.transition(store.id, { status: 'Updating', step, error: null, pendingOp: op });
    this.scheduler.schedule(store.id, op);
  }

  private mustGet(storeId: unknown): Store {
    const id = validateStoreId(storeId);
    const store = this.deps.repo.get(id);
    if (!store)
      throw new EngineError(
        'not-found',
        'Storefleet has no such store; it may have been deleted or forgotten.',
      );
    return store;
  }

  private mustAllow(action: StoreAction, storeId: unknown): Store {
    const store = this.mustGet(storeId);
    if (!isActionAllowed(action, store.status)) {
      throw new EngineError(
        refusalCode(action),
        refusalMessage(action, store.name, store.status, allowedStatuses(action)),
      );
    }
    return store;
  }

  /** Upgrade and rollback need a release: a store stopped before Helm ran has none yet. */
  private mustHaveRelease(store: Store, action: string): void {
    if (store.helmRevision === null && (store.step === null || !helmMayHaveRun(store.step))) {
      throw new EngineError(
        'conflict',
        `The store ${store.name} has no Helm release yet, so there is nothing to ${action === 'rollback' ? 'roll back' : action}. Retry creates it.`,
      );
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EngineError('unavailable', 'The store engine is shutting down.');
  }
}

/** Runs `fn` now, so its writes happen before the caller continues, and reports as a promise. */
function settle(fn: () => void): Promise<void> {
  try {
    fn();
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

const UPGRADE_VALUE_NAMES: Record<UpgradableValue, string> = {
  wordpressImageTag: 'the WordPress image tag',
  woocommerceVersion: 'the WooCommerce version',
  memoryLimit: 'the memory limit',
};

function listed(names: readonly string[]): string {
  return names.length < 2
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** Refuses upgrade values another kind's chart takes (a Medusa store has no WordPress image). */
function refuseOtherKindsValues(driver: StoreKindDriver, keys: readonly string[]): void {
  const allowed: readonly string[] = driver.upgradableValues;
  const refused = keys.filter((k) => !allowed.includes(k)) as UpgradableValue[];
  if (refused.length === 0) return;
  const names = listed(refused.map((k) => UPGRADE_VALUE_NAMES[k] ?? k));
  const can = listed(driver.upgradableValues.map((k) => UPGRADE_VALUE_NAMES[k]));
  throw invalidArgument(
    `${names.charAt(0).toUpperCase()}${names.slice(1)} cannot be changed on a ${driver.displayName} store; its upgrade can change ${can || 'nothing'}.`,
  );
}

/** The settings the chart's values.yaml and the values file give a store that sets none. */
function chartDefaults(driver: StoreKindDriver, valuesFile: string): StoreSettings {
  try {
    const values = deepMerge(
      readValuesFile(join(driver.chartPath, 'values.yaml')),
      readValuesFile(valuesFile),
    );
    return keptSettings(driver.settingsFromValues(values));
  } catch {
    return {};
  }
}

/**
 * What Retry runs for a store that failed before this version kept its retry operation: a
 * provision step resumes the provision; anything else has no safe guess.
 */
function inferredRetry(store: Store): PendingOp | null {
  if (store.step !== null && provisionSteps(store.kind).includes(store.step)) {
    return { op: 'provision', resumeFrom: store.step };
  }
  if (store.step !== null && (DELETE_STEPS as readonly string[]).includes(store.step)) {
    return { op: 'delete' };
  }
  return null;
}

/** The engine with its dependencies; call start() to resume pending work and rediscover stores. */
export function createStoreEngine(deps: EngineDeps): StoreEngine {
  return new StoreEngine(deps);
}
