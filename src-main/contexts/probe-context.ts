import { CoreV1Api, NetworkingV1Api, StorageV1Api, VersionApi } from '@kubernetes/client-node';
import type { V1StorageClass, KubeConfig } from '@kubernetes/client-node';
import {
  KubeconfigReadError,
  cancellableConfiguration,
  loadKubeconfigFiles,
  missingEntry,
} from '../kube/client';
import { describeKubeconfig, kubeconfigFiles } from '../kube/kube-target';
import type { KubeTarget } from '../kube/kube-target';
import type { ContextProbe } from '../../src-shared/types/service-types';
import { classifyContext } from './classify-context';
import { credentialWarnings } from './credential-warnings';
import { ProbeDeadlineError, describeProbeError } from './probe-errors';
import type { ProbeStage } from './probe-errors';

export type { KubeTarget } from '../kube/kube-target';

export const PROBE_TIMEOUT_MS = 5_000;

const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

function unreachable(context: string, error: string): ContextProbe {
  return {
    context,
    reachable: false,
    error,
    serverVersion: null,
    readyNodes: 0,
    totalNodes: 0,
    defaultStorageClass: null,
    ingressClasses: [],
    traefik: false,
    checkedAt: new Date().toISOString(),
  };
}

function loadTarget(target: KubeTarget): KubeConfig | string {
  let kc: KubeConfig;
  try {
    kc = loadKubeconfigFiles(target);
  } catch (error) {
    const file = error instanceof KubeconfigReadError ? error.file : describeKubeconfig(target);
    return `The kubeconfig ${file} could not be read. Check that it exists and is valid YAML.`;
  }
  if (!kc.getContextObject(target.context)) {
    return `The kube context "${target.context}" is not in ${describeKubeconfig(target)}. Pick another context.`;
  }
  const missing = missingEntry(kc, target.context);
  if (missing) return missing;
  kc.setCurrentContext(target.context);
  if (!kc.getCurrentCluster()?.server) {
    return `The kube context "${target.context}" names a cluster without a server address. Fix the kubeconfig.`;
  }
  return kc;
}

/** API clients whose every request is cancelled by `signal`, so a dead server frees its socket. */
function clients(kc: KubeConfig, signal: AbortSignal) {
  const config = cancellableConfiguration(kc, signal);
  return {
    version: new VersionApi(config),
    core: new CoreV1Api(config),
    storage: new StorageV1Api(config),
    networking: new NetworkingV1Api(config),
  };
}

function newestDefault(classes: V1StorageClass[]): string | null {
  const defaults = classes
    .filter((sc) => DEFAULT_CLASS_ANNOTATIONS.some((a) => sc.metadata?.annotations?.[a] === 'true'))
    // Kubernetes itself picks the newest default when several claim it.
    .sort(
      (a, b) =>
        (b.metadata?.creationTimestamp?.getTime() ?? 0) -
        (a.metadata?.creationTimestamp?.getTime() ?? 0),
    );
  return defaults[0]?.metadata?.name ?? null;
}

/** Status codes that mean "you may not list this", not "the cluster is gone". */
function isDenied(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 401 || error.code === 403);
}

async function orWhenDenied<T>(p: Promise<T>, fallback: T): Promise<T> {
  try {
    return await p;
  } catch (error) {
    if (isDenied(error)) return fallback;
    throw error;
  }
}

/**
 * Checks a context under one deadline: reachable, server version, Ready nodes, default
 * StorageClass and IngressClasses. Never throws; failures come back as one sentence.
 */
export async function probeContext(
  target: KubeTarget,
  opts: { timeoutMs?: number } = {},
): Promise<ContextProbe> {
  const timeoutMs = opts.timeoutMs ?? PROBE_TIMEOUT_MS;
  const loaded = loadTarget(target);
  if (typeof loaded === 'string') return unreachable(target.context, loaded);
  const kc = loaded;
  const server = kc.getCurrentCluster()?.server ?? '';
  const warnings = credentialWarnings(kc);
  const warned = (probe: ContextProbe): ContextProbe =>
    warnings.length > 0 ? { ...probe, warnings } : probe;
  const kind = classifyContext({
    name: target.context,
    cluster: kc.getContextObject(target.context)?.cluster ?? '',
    server,
    // Usually the file defining the context; it only tunes the hints in error sentences.
    file: kubeconfigFiles(target)[0] ?? '',
  });

  const controller = new AbortController();
  let stage: ProbeStage = 'credentials';
  let timer: NodeJS.Timeout | undefined;
  // Racing matters as well as aborting: a credential plugin cannot be aborted through fetch.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProbeDeadlineError(timeoutMs));
    }, timeoutMs);
  });

  const work = async (): Promise<ContextProbe> => {
    // Credentials first, so a failing exec plugin is told apart from a failing server.
    await kc.applyToFetchOptions({});
    stage = 'request';
    const api = clients(kc, controller.signal);
    const version = await api.version.getCode();
    const [nodes, storageClasses, ingressClasses] = await Promise.all([
      orWhenDenied(api.core.listNode(), null),
      orWhenDenied(api.storage.listStorageClass(), null),
      orWhenDenied(api.networking.listIngressClass(), null),
    ]);
    const readyNodes = (nodes?.items ?? []).filter((node) =>
      node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    ).length;
    const ingress = ingressClasses?.items ?? [];
    return {
      context: target.context,
      reachable: true,
      error: null,
      serverVersion: version.gitVersion,
      readyNodes,
      totalNodes: nodes?.items.length ?? 0,
      defaultStorageClass: newestDefault(storageClasses?.items ?? []),
      ingressClasses: ingress.map((ic) => ic.metadata?.name ?? '').filter((n) => n.length > 0),
      traefik: ingress.some((ic) => ic.spec?.controller?.includes('traefik') ?? false),
      checkedAt: new Date().toISOString(),
    };
  };

  try {
    return warned(await Promise.race([work(), deadline]));
  } catch (error) {
    const reason =
      controller.signal.aborted && !(error instanceof ProbeDeadlineError)
        ? new ProbeDeadlineError(timeoutMs)
        : error;
    return warned(
      unreachable(
        target.context,
        describeProbeError(reason, { context: target.context, server, kind, stage }),
      ),
    );
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
