import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  IsomorphicFetchHttpLibrary,
  ResponseContext,
  ServerConfiguration,
  StorageV1Api,
  createConfiguration,
  wrapHttpLibrary,
  type Configuration,
  type HttpLibrary,
  type RequestContext,
} from '@kubernetes/client-node';
import { danglingReference, describeKubeconfig, kubeconfigFiles } from './kube-target';
import type { KubeTarget } from './kube-target';

export type { KubeTarget } from './kube-target';

/** How long one API call may take when the caller does not say: generous, but never forever. */
export const KUBE_CALL_TIMEOUT_MS = 30_000;

/** What bounds each request of an API client. */
export interface CallLimits {
  /** cancels every request in flight and refuses new ones once aborted */
  signal?: AbortSignal;
  /** each request's own deadline, from sending it to having read the whole answer */
  timeoutMs?: number;
}

/** One API call that got no (complete) answer within its deadline. */
export class KubeCallTimeoutError extends Error {
  override readonly name = 'KubeCallTimeoutError';
  /** a transport failure like a socket timeout, so that waits retry it as they retry those */
  readonly code = 'ETIMEDOUT';

  constructor(
    /** e.g. "GET /api/v1/namespaces/shop" */
    readonly call: string,
    readonly server: string,
    readonly timeoutMs: number,
    options?: ErrorOptions,
  ) {
    super(
      `the Kubernetes API server at ${server} did not answer ${call} within ${seconds(timeoutMs)}`,
      options,
    );
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * Sends each request with the caller's signal and its own deadline. The answer's body is read
 * here, under the same deadline, so a server that sends headers and then stalls is caught too.
 */
function limitedHttpLibrary(server: string, limits: CallLimits): HttpLibrary {
  const fetchLibrary = new IsomorphicFetchHttpLibrary();
  return wrapHttpLibrary({
    async send(request: RequestContext): Promise<ResponseContext> {
      const timeout =
        limits.timeoutMs === undefined ? undefined : AbortSignal.timeout(limits.timeoutMs);
      const signals = [limits.signal, timeout].filter((s) => s !== undefined);
      if (signals.length > 0) request.setSignal(AbortSignal.any(signals));
      try {
        const response = await fetchLibrary.send(request).toPromise();
        const bytes = await response.body.binary();
        return new ResponseContext(response.httpStatusCode, response.headers, {
          text: () => Promise.resolve(bytes.toString('utf8')),
          binary: () => Promise.resolve(bytes),
        });
      } catch (error) {
        if (timeout?.aborted && !limits.signal?.aborted && limits.timeoutMs !== undefined) {
          const call = `${request.getHttpMethod()} ${new URL(request.getUrl()).pathname}`;
          throw new KubeCallTimeoutError(call, server, limits.timeoutMs, { cause: error });
        }
        throw error;
      }
    },
  });
}

/**
 * API client configuration for the kubeconfig's current cluster whose every request is cancelled
 * by `signal`, so a dead or silent server frees its socket when the caller gives up, and, with
 * `timeoutMs`, fails on its own after that long with a KubeCallTimeoutError naming the call.
 */
export function cancellableConfiguration(
  kc: KubeConfig,
  signal?: AbortSignal,
  timeoutMs?: number,
): Configuration {
  const server = kc.getCurrentCluster()?.server ?? '';
  return createConfiguration({
    baseServer: new ServerConfiguration(server, {}),
    authMethods: { default: kc },
    httpApi: limitedHttpLibrary(server, { signal, timeoutMs }),
  });
}

export interface KubeClients {
  kc: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  networking: NetworkingV1Api;
  storage: StorageV1Api;
}

/** A kubeconfig file that could not be read or parsed; the message never quotes its content. */
export class KubeconfigReadError extends Error {
  readonly file: string;
  /** what went wrong, in one line */
  readonly reason: string;

  constructor(file: string, cause: unknown) {
    // A YAML error's later lines quote the file, which may hold a token: keep the first.
    const reason = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0] ?? '';
    super(`cannot read kubeconfig ${file}: ${reason}`, { cause });
    this.name = 'KubeconfigReadError';
    this.file = file;
    this.reason = reason;
  }
}

function loadFile(file: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (error) {
    throw new KubeconfigReadError(file, error);
  }
  return kc;
}

function firstByName<T extends { name: string }>(lists: readonly (readonly T[])[]): T[] {
  const byName = new Map<string, T>();
  for (const item of lists.flat()) if (!byName.has(item.name)) byName.set(item.name, item);
  return [...byName.values()];
}

/**
 * The target's kubeconfig files merged the way kubectl merges KUBECONFIG: in order, the first
 * file to define a context, cluster or user name wins (client-node's own mergeConfig throws on
 * a name defined twice instead). Relative certificate paths resolve against their own file.
 * The current context is left as the files say; callers select the target's context.
 * Throws KubeconfigReadError.
 */
export function loadKubeconfigFiles(target: KubeTarget): KubeConfig {
  const files = kubeconfigFiles(target);
  const first = files[0];
  if (files.length === 1 && first !== undefined) return loadFile(first);
  const loaded = files.map(loadFile);
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: firstByName(loaded.map((k) => k.getClusters())),
    users: firstByName(loaded.map((k) => k.getUsers())),
    contexts: firstByName(loaded.map((k) => k.getContexts())),
    currentContext: loaded.map((k) => k.getCurrentContext()).find((name) => !!name),
  });
  return kc;
}

/**
 * Why a context that is in `kc` cannot be used: the sentence naming a cluster or user entry
 * that none of the files defines, or null when both are there (a context without a user is
 * anonymous, which is allowed).
 */
export function missingEntry(kc: KubeConfig, context: string): string | null {
  const ctx = kc.getContextObject(context);
  if (!ctx) return null;
  if (ctx.cluster && !kc.getCluster(ctx.cluster)) {
    return danglingReference(context, 'cluster', ctx.cluster);
  }
  if (ctx.user && !kc.getUser(ctx.user)) return danglingReference(context, 'user', ctx.user);
  return null;
}

/**
 * API clients for the target's context. Every request carries `limits.signal` and its own
 * deadline (KUBE_CALL_TIMEOUT_MS unless `limits.timeoutMs` says otherwise), so no single call
 * can hang on a server that accepts connections and never answers.
 */
export function createKubeClients(target: KubeTarget, limits: CallLimits = {}): KubeClients {
  const kc = loadKubeconfigFiles(target);
  if (!kc.getContextObject(target.context)) {
    const known = kc.getContexts().map((c) => c.name);
    throw new Error(
      `context "${target.context}" is not in kubeconfig ${describeKubeconfig(target)}` +
        (known.length ? ` (it has: ${known.join(', ')})` : ' (it has no contexts)'),
    );
  }
  const missing = missingEntry(kc, target.context);
  if (missing) throw new Error(missing);
  kc.setCurrentContext(target.context);
  const config = cancellableConfiguration(
    kc,
    limits.signal,
    limits.timeoutMs ?? KUBE_CALL_TIMEOUT_MS,
  );
  return {
    kc,
    core: new CoreV1Api(config),
    apps: new AppsV1Api(config),
    batch: new BatchV1Api(config),
    networking: new NetworkingV1Api(config),
    storage: new StorageV1Api(config),
  };
}

/** HTTP status of a failed API call; client-node 1.x throws ApiException carrying `code`. */
export function statusCode(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = err.code;
  return typeof code === 'number' ? code : undefined;
}

interface StatusBody {
  reason?: string;
  message?: string;
}

/** The Kubernetes `Status` object the API server returned with an error, when there is one. */
export function statusBody(err: unknown): StatusBody | undefined {
  if (typeof err !== 'object' || err === null || !('body' in err)) return undefined;
  let body: unknown = err.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { reason, message } = body as Record<string, unknown>;
  return {
    reason: typeof reason === 'string' ? reason : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

export function isNotFound(err: unknown): boolean {
  return statusCode(err) === 404;
}

/** The object, or undefined when the API says 404; every other error propagates. */
export async function readOrUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Any 409: an optimistic-concurrency conflict or a create that found the name taken. */
export function isConflict(err: unknown): boolean {
  return statusCode(err) === 409;
}

/** A create refused because the object exists (a 409 whose reason, when given, is AlreadyExists). */
export function isAlreadyExists(err: unknown): boolean {
  if (statusCode(err) !== 409) return false;
  const reason = statusBody(err)?.reason;
  return reason === undefined || reason === 'AlreadyExists';
}

/**
 * One line for a failed API call. ApiException's own message embeds the raw body and every
 * response header, which is noise for a person reading it.
 */
export function errorText(err: unknown): string {
  const code = statusCode(err);
  const body = statusBody(err);
  if (code !== undefined && body?.message) return `${body.message} (HTTP ${code})`;
  if (code !== undefined && 'headers' in Object(err)) return `the API server answered HTTP ${code}`;
  if (err instanceof Error) return err.message;
  return String(err);
}
