import { EngineError } from '../engine/engine-error';
import type { ContextProbe, ToolInfo } from '../../src-shared/types/service-types';

/** Deadline of the probe a create runs when no recent probe found the cluster reachable. */
export const CREATE_PROBE_TIMEOUT_MS = 3_000;
/** How long a probe that reached the cluster vouches for it. */
export const PROBE_REUSE_MS = 30_000;

export interface CreatePreflightDeps {
  findHelm(): Promise<ToolInfo>;
  probe(context: string, opts: { timeoutMs?: number }): Promise<ContextProbe>;
  /** milliseconds; Date.now by default */
  now?: () => number;
}

/**
 * What a create needs before it may write a row: a usable Helm and a cluster that answers.
 * Probes the app makes anyway (the context health shown in the window) are remembered, so a
 * create right after one reuses it; otherwise the create probes with a short deadline.
 */
export class CreatePreflight {
  private readonly reachedAt = new Map<string, number>();
  // A burst of creates shares one Helm check and one probe per context instead of one each.
  private helmInFlight: Promise<ToolInfo> | null = null;
  private readonly probesInFlight = new Map<string, Promise<ContextProbe>>();
  private readonly now: () => number;

  constructor(private readonly deps: CreatePreflightDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Records a probe's outcome; an unreachable cluster is never vouched for. */
  remember(probe: ContextProbe): ContextProbe {
    if (probe.reachable) this.reachedAt.set(probe.context, this.now());
    else this.reachedAt.delete(probe.context);
    return probe;
  }

  /** Probes a context and remembers the outcome. */
  async probe(context: string, opts: { timeoutMs?: number } = {}): Promise<ContextProbe> {
    return this.remember(await this.deps.probe(context, opts));
  }

  /** Resolves when a store may be created in `context`; rejects with the sentence saying why not. */
  async check(context: string): Promise<void> {
    const [helm, cluster] = await Promise.all([this.findHelm(), this.clusterProblem(context)]);
    if (!helm.ok) {
      throw new EngineError('unavailable', helm.problem ?? 'Helm is not available.');
    }
    if (cluster !== null) throw cluster;
  }

  private findHelm(): Promise<ToolInfo> {
    this.helmInFlight ??= this.deps.findHelm().finally(() => {
      this.helmInFlight = null;
    });
    return this.helmInFlight;
  }

  private sharedProbe(context: string): Promise<ContextProbe> {
    let pending = this.probesInFlight.get(context);
    if (!pending) {
      pending = this.probe(context, { timeoutMs: CREATE_PROBE_TIMEOUT_MS }).finally(() => {
        this.probesInFlight.delete(context);
      });
      this.probesInFlight.set(context, pending);
    }
    return pending;
  }

  private async clusterProblem(context: string): Promise<EngineError | null> {
    const reached = this.reachedAt.get(context);
    if (reached !== undefined && this.now() - reached < PROBE_REUSE_MS) return null;
    let probe: ContextProbe;
    try {
      probe = await this.sharedProbe(context);
    } catch (error) {
      // The registry rejects a context that is in no kubeconfig file.
      const message = error instanceof Error ? error.message : `Unknown kube context "${context}"`;
      return new EngineError('not-found', `${message}. Pick another context.`);
    }
    if (probe.reachable) return null;
    return new EngineError(
      'unavailable',
      probe.error ?? `The cluster of context "${context}" cannot be reached.`,
    );
  }
}
