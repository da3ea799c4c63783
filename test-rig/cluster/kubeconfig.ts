import { readFile, writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import type { CertPair } from './pki';

export const CONTEXT_NAME = 'storefleet-test';

async function base64(path: string): Promise<string> {
  return (await readFile(path)).toString('base64');
}

/** Credentials are embedded so the file stays usable when copied or read by other tools. */
export async function writeKubeconfig(
  path: string,
  server: string,
  caCert: string,
  client: CertPair,
  user: string,
): Promise<void> {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: CONTEXT_NAME,
        cluster: { server, 'certificate-authority-data': await base64(caCert) },
      },
    ],
    users: [
      {
        name: user,
        user: {
          'client-certificate-data': await base64(client.cert),
          'client-key-data': await base64(client.key),
        },
      },
    ],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user } }],
    'current-context': CONTEXT_NAME,
  };
  await writeFile(path, stringify(config), { mode: 0o600 });
}
