import type { ContextKind, ContextProbe } from '../shared/service-types';
import type { KubeTarget } from '../tools/helm';
import { refineKind } from './classify-context';
import { kubeconfigPaths } from './kubeconfig-paths';
import { listContexts } from './list-contexts';
import type { ContextList } from './list-contexts';
import { probeContext } from './probe-context';
import { watchKubeconfigs } from './watch-kubeconfigs';

export type { KubeTarget } from '../tools/helm';
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

  async resolve(context: string): Promise<KubeTarget> {
    const { contexts } = await listContexts(this.paths);
    const found = contexts.find((c) => c.name === context);
    if (!found) throw new Error(`Unknown kube context "${context}"`);
    return { kubeconfig: found.file, context: found.name };
  }

  async probe(context: string, opts: { timeoutMs?: number } = {}): Promise<ContextProbe> {
    const { contexts } = await listContexts(this.paths);
    const found = contexts.find((c) => c.name === context);
    if (!found) throw new Error(`Unknown kube context "${context}"`);
    const probe = await probeContext({ kubeconfig: found.file, context }, opts);
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
