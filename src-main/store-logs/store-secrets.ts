import type { CoreV1Api } from '@kubernetes/client-node';
import { isNotFound } from '../kube/client';

/**
 * The values of the store's credentials Secret, decoded, plus their base64 forms (a script that
 * prints the Secret shows those). Empty when there is no Secret yet or any more; any other error
 * propagates, because logs cannot be shown safely without knowing what to blank out.
 */
export async function readSecretValues(
  core: CoreV1Api,
  namespace: string,
  name: string,
): Promise<string[]> {
  try {
    const secret = await core.readNamespacedSecret({ name, namespace });
    const values: string[] = [];
    for (const encoded of Object.values(secret.data ?? {})) {
      values.push(Buffer.from(encoded, 'base64').toString('utf8'), encoded);
    }
    for (const plain of Object.values(secret.stringData ?? {})) values.push(plain);
    return values;
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}
