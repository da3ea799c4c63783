// Helpers for the Medusa chart's integration tests on the test cluster: the WooCommerce chart
// tests' kubectl and helm helpers, reused unchanged, and an install of this chart.
import { installChart } from '../../woocommerce/tests/cluster';
import { CHART_DIR, type HelmResult, type Values } from './render';

export {
  clusterHelm,
  clusterHelmOk,
  createStoreNamespace,
  deleteNamespace,
  getJson,
  kubectl,
  kubectlOk,
  waitFor,
  type KubeList,
  type KubeMeta,
} from '../../woocommerce/tests/cluster';

/**
 * `helm upgrade --install` of the Medusa chart; by default waiting for workloads and Jobs as an
 * operator would run it by hand, with `wait: false` returning at once as the installer runs it.
 * The simulated cluster runs no container: any image name serves, pods turn Ready and Job pods
 * succeed (test-rig/cluster/kwok).
 */
export async function installMedusaStore(
  release: string,
  namespace: string,
  valuesFile: string,
  values: readonly Values[],
  options: { wait?: boolean } = {},
): Promise<HelmResult> {
  return installChart(CHART_DIR, release, namespace, valuesFile, values, options);
}
