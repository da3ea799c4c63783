// STAND-IN for one Kubernetes context with Helm, kept in memory: what the engine's cluster port
// sees of namespaces, Helm releases (revisions, statuses, pending-* included), workloads,
// Secrets and volumes, with knobs to fail or hang any call. It lets the engine's lifecycle
// rules run as unit tests in milliseconds; what only the real control plane can prove (Helm
// against an API server, namespace deletion, watches, RBAC) stays in the *.int.test.ts files.
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'yaml';
import type { HelmReleaseRevision } from '../../src-shared/types/service-types';
import type {
  Leftover,
  NamespaceInfo,
  StoreCluster,
  WaitOptions,
} from '../../src-main/engine/cluster-port';
import { deepMerge, readValuesFile } from '../../src-main/engine/values-file';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, STORE_ID_LABEL } from '../../src-main/kube/labels';
import { isJobOf } from '../../src-main/kube/job-wait';
import { WaitTimeoutError } from '../../src-main/kube/wait';
import { STDIN_VALUES } from '../../src-main/tools/helm';
import { ToolError } from '../../src-main/tools/tool-error';

/** What a chart renders for a release, as far as the port can see it. */
export interface RenderedRelease {
  secrets: Record<string, Record<string, string>>;
  statefulSets: Record<string, { replicas: number }>;
  deployments: Record<string, { replicas: number }>;
  jobs: string[];
  /** claims whose volumes the provisioner creates (one PersistentVolume each) */
  claims: string[];
}

/** Stands in for `helm template`: the objects a chart makes from a release's values. */
export type ChartStandIn = (release: string, values: Record<string, unknown>) => RenderedRelease;

/** Every method of the port, by name; Helm's as `helm.<name>`. */
export type FaultPoint = Exclude<keyof StoreCluster, 'helm'> | `helm.${keyof StoreCluster['helm']}`;

export interface Fault {
  /** the call rejects with this (a string becomes an Error) */
  error?: Error | string;
  /** the call never answers until its signal aborts (a wait also ends at its deadline) */
  hang?: boolean;
  /** how many calls it affects; every call by default */
  times?: number;
  /** only calls whose arguments match (the first argument is usually a namespace) */
  when?: (args: readonly unknown[]) => boolean;
}

interface Revision extends HelmReleaseRevision {
  values: Record<string, unknown>;
}

interface Namespace {
  labels: Record<string, string>;
  terminating: boolean;
  secrets: Map<string, Record<string, string>>;
  statefulSets: Map<string, { replicas: number }>;
  deployments: Map<string, { replicas: number }>;
  jobs: Set<string>;
  claims: Set<string>;
  releases: Map<string, Revision[]>;
}

interface Volume {
  name: string;
  claim: string;
  phase: 'Bound' | 'Released';
  reclaimPolicy: 'Delete' | 'Retain';
}

export interface InMemoryClusterOptions {
  chart: ChartStandIn;
  /** how long a deleted volume stays Released before its provisioner removes it */
  reclaimDelayMs?: number;
}

/** A call the port received, for tests that check what the engine asked for. */
export interface PortCall {
  point: FaultPoint;
  args: readonly unknown[];
}

export class InMemoryCluster {
  readonly namespaces = new Map<string, Namespace>();
  readonly volumes = new Map<string, Volume>();
  readonly calls: PortCall[] = [];
  /** calls hung by a fault right now */
  hanging = 0;
  private readonly faults = new Map<FaultPoint, Fault[]>();
  private readonly watchers = new Set<() => void>();
  private volumeSeq = 0;

  constructor(private readonly o: InMemoryClusterOptions) {}

  /** Makes matching calls at `point` fail or hang; returns a function that lifts the fault. */
  fault(point: FaultPoint, fault: Fault): () => void {
    const list = this.faults.get(point) ?? [];
    list.push(fault);
    this.faults.set(point, list);
    return () => {
      const i = list.indexOf(fault);
      if (i >= 0) list.splice(i, 1);
    };
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Calls made at `point`, in order. */
  callsTo(point: FaultPoint): PortCall[] {
    return this.calls.filter((c) => c.point === point);
  }

  /** Creates a namespace outside the engine, e.g. one the user owns. */
  addNamespace(name: string, labels: Record<string, string> = {}): void {
    this.namespaces.set(name, emptyNamespace(labels));
    this.changed();
  }

  /**
   * Deletes a namespace outside the engine (`kubectl delete namespace`), whatever it holds;
   * returns what it held, so a test can put it back as it was with restoreNamespace.
   */
  dropNamespace(name: string): unknown {
    const ns = this.namespaces.get(name);
    this.namespaces.delete(name);
    this.changed();
    return ns;
  }

  /** Puts back a namespace dropNamespace took away, releases and all. */
  restoreNamespace(name: string, held: unknown): void {
    this.namespaces.set(name, held as Namespace);
    this.changed();
  }

  /** Namespace watches open now. */
  get watching(): number {
    return this.watchers.size;
  }

  /** Tells every open namespace watch that something changed. */
  private changed(): void {
    for (const w of [...this.watchers]) w();
  }

  release(namespace: string, name: string): Revision[] {
    return this.namespaces.get(namespace)?.releases.get(name) ?? [];
  }

  /** The port the engine uses; every call that takes time stops when `signal` aborts. */
  port(signal?: AbortSignal): StoreCluster {
    const call = async <T>(
      point: FaultPoint,
      args: readonly unknown[],
      fn: () => T | Promise<T>,
      wait?: WaitOptions,
    ): Promise<T> => {
      this.calls.push({ point, args });
      await Promise.resolve();
      await this.applyFault(point, args, signal ?? wait?.signal, wait);
      return fn();
    };
    const waitFor = (point: FaultPoint, ns: string, what: string, o: WaitOptions) =>
      call(point, [ns, what], () => this.waitUntil(ns, what, o, signal), o);
    return {
      ensureNamespace: (name, labels) =>
        call('ensureNamespace', [name, labels], () => this.ensureNamespace(name, labels)),
      getNamespace: (name) => call('getNamespace', [name], () => this.info(name)),
      deleteNamespace: (name) => call('deleteNamespace', [name], () => this.deleteNamespace(name)),
      deleteNamespacePodsAndClaims: (name) =>
        call('deleteNamespacePodsAndClaims', [name], () => undefined),
      waitForNamespaceGone: (name, o) =>
        call(
          'waitForNamespaceGone',
          [name],
          () => this.poll(() => !this.namespaces.has(name), `namespace ${name} to be gone`, o),
          o,
        ),
      listManagedNamespaces: () =>
        call('listManagedNamespaces', [], () =>
          [...this.namespaces.keys()]
            .map((n) => this.info(n))
            .filter((n): n is NamespaceInfo => n?.labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE),
        ),
      watchManagedNamespaces: (onChange, watchSignal) =>
        call('watchManagedNamespaces', [], async () => {
          if (watchSignal.aborted) return;
          // A new watch reports what exists, as a real one lists each namespace as ADDED.
          onChange();
          this.watchers.add(onChange);
          try {
            await new Promise<void>((resolve) => {
              watchSignal.addEventListener('abort', () => resolve(), { once: true });
            });
          } finally {
            this.watchers.delete(onChange);
          }
        }),
      readSecretData: (ns, name) =>
        call('readSecretData', [ns, name], () => {
          const data = this.namespaces.get(ns)?.secrets.get(name);
          return data ? { ...data } : null;
        }),
      waitForStatefulSetReady: (ns, name, o) =>
        waitFor('waitForStatefulSetReady', ns, `statefulset:${name}`, o),
      waitForDeploymentReady: (ns, name, o) =>
        waitFor('waitForDeploymentReady', ns, `deployment:${name}`, o),
      waitForJobComplete: (ns, name, o) => waitFor('waitForJobComplete', ns, `job:${name}`, o),
      deleteJob: (ns, name) =>
        call('deleteJob', [ns, name], () => {
          const jobs = this.namespaces.get(ns)?.jobs;
          for (const job of [...(jobs ?? [])]) if (isJobOf(name, job)) jobs?.delete(job);
        }),
      findLeftovers: (ns, storeId) =>
        call('findLeftovers', [ns, storeId], () => this.leftovers(ns, storeId)),
      unschedulablePods: (ns) => call('unschedulablePods', [ns], () => []),
      helm: {
        upgradeInstall: (o) =>
          call('helm.upgradeInstall', [o.namespace, o.release], () => this.install(o)),
        uninstall: (release, ns) =>
          call('helm.uninstall', [ns, release], () => {
            this.namespaces.get(ns)?.releases.delete(release);
          }),
        history: (release, ns) =>
          call('helm.history', [ns, release], () => {
            const revisions = this.release(ns, release);
            if (revisions.length === 0) throw notFound(release);
            return revisions.map(({ values: _values, ...r }) => ({ ...r }));
          }),
        rollback: (release, ns, revision) =>
          call('helm.rollback', [ns, release, revision], () =>
            this.rollback(ns, release, revision),
          ),
        status: (release, ns) =>
          call('helm.status', [ns, release], () => {
            const last = this.release(ns, release).at(-1);
            return last
              ? { name: release, namespace: ns, revision: last.revision, status: last.status }
              : null;
          }),
        getValues: (release, ns, revision) =>
          call('helm.getValues', [ns, release, revision], () => {
            const all = this.release(ns, release);
            const r =
              revision === undefined ? all.at(-1) : all.find((x) => x.revision === revision);
            if (!r) throw notFound(release);
            return structuredClone(r.values);
          }),
      },
    };
  }

  private async applyFault(
    point: FaultPoint,
    args: readonly unknown[],
    signal: AbortSignal | undefined,
    wait: WaitOptions | undefined,
  ): Promise<void> {
    const list = this.faults.get(point) ?? [];
    const fault = list.find((f) => !f.when || f.when(args));
    if (!fault) return;
    if (fault.times !== undefined && --fault.times <= 0) list.splice(list.indexOf(fault), 1);
    if (fault.hang) {
      if (point === 'helm.upgradeInstall') this.markPending(args);
      this.hanging++;
      try {
        await hangUntil(signal, wait?.timeoutMs, `${point} (hung by the test)`);
      } finally {
        this.hanging--;
      }
    }
    if (fault.error !== undefined) {
      throw typeof fault.error === 'string' ? new Error(fault.error) : fault.error;
    }
  }

  /** A Helm killed mid-run leaves its release pending-install or pending-upgrade. */
  private markPending(args: readonly unknown[]): void {
    const [ns, release] = args as [string, string];
    const namespace = this.namespaces.get(ns);
    if (!namespace) return;
    const revisions = namespace.releases.get(release) ?? [];
    const next = (revisions.at(-1)?.revision ?? 0) + 1;
    revisions.push({
      revision: next,
      status: revisions.length === 0 ? 'pending-install' : 'pending-upgrade',
      updated: new Date().toISOString(),
      chart: 'stand-in',
      appVersion: '',
      description: 'interrupted',
      values: {},
    });
    namespace.releases.set(release, revisions);
  }

  private info(name: string): NamespaceInfo | null {
    const ns = this.namespaces.get(name);
    return ns ? { name, labels: { ...ns.labels }, terminating: ns.terminating } : null;
  }

  private ensureNamespace(name: string, labels: Record<string, string>): 'created' | 'existing' {
    const wanted: Record<string, string> = { ...labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };
    const existing = this.namespaces.get(name);
    if (!existing) {
      this.namespaces.set(name, emptyNamespace(wanted));
      this.changed();
      return 'created';
    }
    if (existing.labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) {
      throw new Error(
        `namespace ${name} exists and is not managed by Storefleet; choose another store name`,
      );
    }
    if (existing.labels[STORE_ID_LABEL] !== wanted[STORE_ID_LABEL]) {
      throw new Error(`namespace ${name} exists and is not managed by Storefleet for this store`);
    }
    if (existing.terminating) {
      throw new Error(`namespace ${name} is still being deleted (Terminating)`);
    }
    existing.labels = wanted;
    return 'existing';
  }

  /** The namespace controller's work, done at once: everything in it goes, volumes are released. */
  private deleteNamespace(name: string): void {
    const ns = this.namespaces.get(name);
    if (!ns) return;
    if (ns.labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) {
      throw new Error(`refusing to delete namespace ${name}: it is not managed by Storefleet`);
    }
    ns.terminating = true;
    this.namespaces.delete(name);
    this.changed();
    for (const v of this.volumes.values()) {
      if (!v.claim.startsWith(`${name}/`) || v.phase === 'Released') continue;
      v.phase = 'Released';
      if (v.reclaimPolicy === 'Delete') {
        const remove = (): boolean => this.volumes.delete(v.name);
        const delay = this.o.reclaimDelayMs ?? 0;
        if (delay > 0) setTimeout(remove, delay).unref();
        else remove();
      }
    }
  }

  private install(o: Parameters<StoreCluster['helm']['upgradeInstall']>[0]): void {
    const ns = this.namespaces.get(o.namespace);
    if (!ns || ns.terminating) {
      throw helmError(`create: failed to create: namespaces "${o.namespace}" not found`);
    }
    const revisions = ns.releases.get(o.release) ?? [];
    const last = revisions.at(-1);
    if (last && /^pending-/.test(last.status)) {
      throw helmError('another operation (install/upgrade/rollback) is in progress');
    }
    let values: Record<string, unknown> = {};
    for (const file of o.valuesFiles) {
      const layer =
        file === STDIN_VALUES
          ? ((parse(o.valuesYaml ?? '') as Record<string, unknown> | null) ?? {})
          : readValuesFile(file);
      values = deepMerge(values, layer);
    }
    for (const r of revisions) if (r.status === 'deployed') r.status = 'superseded';
    revisions.push({
      revision: (last?.revision ?? 0) + 1,
      status: 'deployed',
      updated: new Date().toISOString(),
      chart: 'stand-in',
      appVersion: '',
      description: last ? 'Upgrade complete' : 'Install complete',
      values,
    });
    ns.releases.set(o.release, revisions);
    this.render(o.namespace, ns, o.release, values);
  }

  private rollback(nsName: string, release: string, revision: number): void {
    const ns = this.namespaces.get(nsName);
    const revisions = ns?.releases.get(release) ?? [];
    const target = revisions.find((r) => r.revision === revision);
    if (!ns || !target) throw notFound(release);
    for (const r of revisions) if (r.status === 'deployed') r.status = 'superseded';
    revisions.push({
      ...target,
      revision: (revisions.at(-1)?.revision ?? 0) + 1,
      status: 'deployed',
      description: `Rollback to ${revision}`,
      values: structuredClone(target.values),
    });
    this.render(nsName, ns, release, target.values);
  }

  private render(
    nsName: string,
    ns: Namespace,
    release: string,
    values: Record<string, unknown>,
  ): void {
    const out = this.o.chart(release, values);
    for (const [name, data] of Object.entries(out.secrets)) ns.secrets.set(name, { ...data });
    for (const [name, s] of Object.entries(out.statefulSets)) ns.statefulSets.set(name, s);
    for (const [name, d] of Object.entries(out.deployments)) ns.deployments.set(name, d);
    // Helm deletes the Job of the revision it leaves when the new one names another.
    for (const job of [...ns.jobs]) if (!out.jobs.includes(job)) ns.jobs.delete(job);
    for (const job of out.jobs) ns.jobs.add(job);
    for (const claim of out.claims) {
      if (ns.claims.has(claim)) continue;
      ns.claims.add(claim);
      const name = `pvc-${++this.volumeSeq}`;
      this.volumes.set(name, {
        name,
        claim: `${nsName}/${claim}`,
        phase: 'Bound',
        reclaimPolicy: 'Delete',
      });
    }
  }

  /** Ready at once when the object exists; otherwise it waits, as the real waits do, until the deadline. */
  private waitUntil(
    ns: string,
    what: string,
    o: WaitOptions,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const [kind, name] = what.split(':') as [string, string];
    const exists = (): boolean => {
      const n = this.namespaces.get(ns);
      if (!n) return false;
      if (kind === 'statefulset') return n.statefulSets.has(name);
      if (kind === 'deployment') return n.deployments.has(name);
      return [...n.jobs].some((job) => isJobOf(name, job));
    };
    return this.poll(exists, `${kind} ${ns}/${name}`, { ...o, signal: o.signal ?? signal });
  }

  private async poll(done: () => boolean, what: string, o: WaitOptions): Promise<void> {
    const deadline = Date.now() + o.timeoutMs;
    while (!done()) {
      if (o.signal?.aborted) throw abortReason(o.signal);
      if (Date.now() >= deadline) throw new WaitTimeoutError(what, undefined, o.timeoutMs);
      await sleep(5);
    }
  }

  private leftovers(nsName: string, storeId: string): Leftover[] {
    const out: Leftover[] = [];
    const ns = this.namespaces.get(nsName);
    if (ns && ns.labels[STORE_ID_LABEL] === storeId) {
      out.push({
        kind: 'namespace',
        name: nsName,
        phase: ns.terminating ? 'Terminating' : 'Active',
      });
      for (const name of ns.secrets.keys()) {
        out.push({ kind: 'secret', namespace: nsName, name });
      }
      for (const name of ns.claims) {
        out.push({ kind: 'persistentvolumeclaim', namespace: nsName, name });
      }
    }
    for (const v of this.volumes.values()) {
      if (!v.claim.startsWith(`${nsName}/`)) continue;
      out.push({
        kind: 'persistentvolume',
        name: v.name,
        phase: v.phase,
        reclaimPolicy: v.reclaimPolicy,
        claim: v.claim,
      });
    }
    return out;
  }
}

function emptyNamespace(labels: Record<string, string>): Namespace {
  return {
    labels: { ...labels },
    terminating: false,
    secrets: new Map(),
    statefulSets: new Map(),
    deployments: new Map(),
    jobs: new Set(),
    claims: new Set(),
    releases: new Map(),
  };
}

function helmError(message: string): ToolError {
  return new ToolError({
    code: 'failed',
    command: 'helm (stand-in)',
    message: `Error: ${message}`,
  });
}

function notFound(release: string): ToolError {
  return new ToolError({
    code: 'release-not-found',
    command: 'helm (stand-in)',
    message: `Error: release: not found (${release})`,
  });
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}

async function hangUntil(
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
  what: string,
): Promise<void> {
  await new Promise<void>((_resolve, reject) => {
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => reject(new WaitTimeoutError(what, undefined, timeoutMs)), timeoutMs);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
