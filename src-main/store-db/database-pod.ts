import type { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import { IpcError } from '../../src-shared/ipc/ipc-error';
import { errorText, statusCode } from '../kube/client';
import {
  findServicePort,
  pickForwardTarget,
  podSelector,
} from '../store-kinds/http/port-forward-target';
import { StorefrontError } from '../store-kinds/http/storefront-error';
import type { DatabaseAccess } from '../store-kinds/driver';

/** The database pod a forward goes to, and who logs in to which database there. */
export interface DatabasePod {
  pod: string;
  port: number;
  database: string;
  user: string;
}

/** A literal value the pod's first container sets for `name`; undefined for none or a secretKeyRef. */
function literalEnv(pod: V1Pod, name: string | undefined): string | undefined {
  if (!name) return undefined;
  const entry = pod.spec?.containers[0]?.env?.find((e) => e.name === name);
  return entry?.value ? entry.value : undefined;
}

/**
 * The Ready pod behind the store's database Service (the one a connection to it would reach)
 * and its container port. Every failure is an IpcError whose message is a sentence naming the
 * store, never the Secret's content.
 */
export async function findDatabasePod(
  core: Pick<CoreV1Api, 'readNamespacedService' | 'listNamespacedPod'>,
  o: { storeName: string; namespace: string; access: DatabaseAccess },
): Promise<DatabasePod> {
  const { access, namespace } = o;
  const what = `database Service ${namespace}/${access.service}`;
  try {
    const service = await core.readNamespacedService({ name: access.service, namespace });
    const servicePort = findServicePort(service, access.servicePort, what);
    const selector = podSelector(service, what);
    const pods = (await core.listNamespacedPod({ namespace, labelSelector: selector })).items;
    const target = pickForwardTarget(servicePort, pods, { what, selector });
    const pod = pods.find((p) => p.metadata?.name === target.pod);
    return {
      ...target,
      database: (pod && literalEnv(pod, access.env?.database)) ?? access.database,
      user: (pod && literalEnv(pod, access.env?.user)) ?? access.user,
    };
  } catch (error) {
    throw lookupError(error, o.storeName, what);
  }
}

function lookupError(error: unknown, storeName: string, what: string): IpcError {
  if (error instanceof StorefrontError) {
    if (error.code === 'ServiceUnavailable') {
      return new IpcError(
        'not-ready',
        `The database of ${storeName} is not running yet: no Ready pod behind its ${what}. Try again once its pod is Ready.`,
      );
    }
    return new IpcError(
      'unavailable',
      `The database of ${storeName} cannot be forwarded to. ${error.message}.`,
    );
  }
  const status = statusCode(error);
  if (status === 404) {
    return new IpcError('not-found', `The ${what} of ${storeName} does not exist.`);
  }
  if (status === 403) {
    return new IpcError(
      'forbidden',
      `The cluster refused to look up the ${what}: ${errorText(error)}. The kubeconfig user needs "get" on services and "list" on pods in that namespace.`,
    );
  }
  return new IpcError(
    'unavailable',
    `Could not look up the ${what} of ${storeName}: ${errorText(error)}.`,
  );
}
