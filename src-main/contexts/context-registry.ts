import type { ContextKind, ContextProbe } from '../../src-shared/types/service-types';
import { kubeTarget } from '../kube/kube-target';
import type { KubeTarget } from '../kube/kube-target';
import { refineKind } from './classify-context';
import { kubeconfigPaths } from './kubeconfig-paths';
import { contextFiles, listContexts } from './list-contexts';
import type { ContextList } from './list-contexts';
import { probeContext } from './probe-context';
import { watchKubeconfigs } from './watch-kubeconfigs';

export type { KubeTarget } from '../kube/kube-target';
export type { ContextList, KubeconfigError } from './list-contexts';

/** The kube contexts of this user's kubeconfig files, their probes, and change notifications. */
export class ContextRegistry {
  private readonly paths: string[];
  private readonly listeners = new Set<() => void>();
  private stopWatching: (() => void) | null = null;
  // What probes learned that names could not tell (a context called "prod" running k3s).
  private readonly probedKinds = new Map<string, ContextKind>();

  constructor(opts: { env: NodeJS.ProcessEnv; home: string }) {
    this.paths = kubeconfigPaths(opts.env, opts.home);
  }

  /** The kubeconfig files read, in kubectl's order. */
  files(): string[] {
    return [...this.paths];
  }

  async list(): Promise<ContextList> {
    const result = await listContexts(this.paths);
    return {
      errors: result.errors,
      contexts: result.contexts.map((c) => ({
        ...c,
        kind: this.probedKinds.get(c.name) ?? c.kind,
      })),
    };
  }

  /**
   * How to reach a context with kubectl's merged view of the files: the file that defines it,
   * plus the files its cluster and user come from when those are elsewhere. Rejects with one
   * sentence when the context, or a cluster or user it names, is in no file.
   */
  async resolve(context: string): Promise<KubeTarget> {
    const found = await contextFiles(this.paths, context);
    if (!found) throw new Error(`Unknown kube context "${context}"`);
    if (found.problem) throw new Error(found.problem);
    return kubeTarget(found.files, context);
  }

  async probe(context: string, opts: { timeoutMs?: number } = {}): Promise<ContextProbe> {
    const { contexts } = await listContexts(this.paths);
    const found = contexts.find((c) => c.name === context);
    const where = await contextFiles(this.paths, context);
    if (!found || !where) throw new Error(`Unknown kube context "${context}"`);
    // A missing cluster or user entry comes back from the probe as its error sentence.
    const probe = await probeContext(kubeTarget(where.files, context), opts);
    const refined = refineKind(found.kind, probe.serverVersion);
    if (refined !== found.kind) this.probedKinds.set(context, refined);
    return probe;
  }

  /** Calls `listener` after any kubeconfig file changes; watching starts with the first listener. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    this.stopWatching ??= watchKubeconfigs(this.paths, () => {
      // A rewritten file may reuse a context name for another cluster.
      this.probedKinds.clear();
      for (const l of [...this.listeners]) l();
    });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopWatch();
    };
  }

  close(): void {
    this.listeners.clear();
    this.stopWatch();
  }

  private stopWatch(): void {
    this.stopWatching?.();
    this.stopWatching = null;
  }
}
