import type { KubeClients } from './client';
import { readOrUndefined } from './client';

/** A Secret's data, base64-decoded to UTF-8 strings; null when the Secret does not exist. */
export async function readSecretData(
  c: KubeClients,
  ns: string,
  name: string,
): Promise<Record<string, string> | null> {
  const secret = await readOrUndefined(() => c.core.readNamespacedSecret({ name, namespace: ns }));
  if (!secret) return null;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    out[key] = Buffer.from(value, 'base64').toString('utf8');
  }
  return out;
}
