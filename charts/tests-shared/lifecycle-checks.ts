// The end of every chart's lifecycle test on the test cluster: the stores uninstalled and their
// namespaces deleted with nothing left behind; and where an Ingress sends its host.
import { expect } from 'vitest';
import {
  clusterHelmOk,
  deleteNamespace,
  kubectl,
  kubectlOk,
  waitFor,
} from '../woocommerce/tests/cluster';
import { names, volumesOf } from './cluster-reads';

/** The first host of the Ingress `name` in `namespace`. */
export function ingressHost(namespace: string, name: string): Promise<string> {
  return kubectlOk([
    'get',
    'ingress',
    name,
    '--namespace',
    namespace,
    '-o',
    'jsonpath={.spec.rules[0].host}',
  ]);
}

/**
 * Each release uninstalled leaves no claim (its database's goes with its StatefulSet, by the
 * retention policy, not only with the namespace), Secret or Ingress; its namespace deleted, no
 * volume and no namespace.
 */
export async function expectNothingLeftBehind(
  releases: readonly (readonly [release: string, namespace: string])[],
): Promise<void> {
  for (const [release, ns] of releases) {
    await clusterHelmOk(['uninstall', release, '--namespace', ns, '--wait', '--timeout', '60s']);
    await waitFor(
      `claims in ${ns} to be deleted`,
      async () => (await names('pvc', ns)).length === 0,
    );
    expect(await names('secrets', ns)).toEqual([]);
    expect(await names('ingress', ns)).toEqual([]);
  }
  await Promise.all(releases.map(([, ns]) => deleteNamespace(ns, true)));
  for (const [, ns] of releases) {
    await waitFor(
      `volumes of ${ns} to be released`,
      async () => (await volumesOf(ns)).length === 0,
    );
    const gone = await kubectl(['get', 'namespace', ns]);
    expect(gone.exitCode).not.toBe(0);
    expect(gone.stderr).toContain('NotFound');
  }
}
