// Helpers for the Medusa chart's integration tests on the test cluster: the WooCommerce chart
// tests' kubectl and helm helpers, reused unchanged, and an install of this chart.
import { chartInstaller } from '../../woocommerce/tests/cluster';
import { CHART_DIR } from './render';

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
export const installMedusaStore = chartInstaller(CHART_DIR);
