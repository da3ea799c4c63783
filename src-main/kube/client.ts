import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  StorageV1Api,
} from '@kubernetes/client-node';

/** Which cluster to talk to: one kubeconfig file and one of its contexts. */
export interface KubeTarget {
  kubeconfig: string;
  context: string;
}

export interface KubeClients {
  kc: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  networking: NetworkingV1Api;
  storage: StorageV1Api;
}

export function createKubeClients(target: KubeTarget): KubeClients {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(target.kubeconfig);
  } catch (error) {
    throw new Error(`cannot read kubeconfig ${target.kubeconfig}: ${errorText(error)}`, {
      cause: error,
    });
  }
  if (!kc.getContextObject(target.context)) {
    const known = kc.getContexts().map((c) => c.name);
    throw new Error(
      `context "${target.context}" is not in kubeconfig ${target.kubeconfig}` +
        (known.length ? ` (it has: ${known.join(', ')})` : ' (it has no contexts)'),
    );
  }
  kc.setCurrentContext(target.context);
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    networking: kc.makeApiClient(NetworkingV1Api),
    storage: kc.makeApiClient(StorageV1Api),
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
