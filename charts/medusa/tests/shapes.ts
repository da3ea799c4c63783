// Typing of rendered objects for the Medusa chart's assertions: the WooCommerce chart tests'
// shapes, plus probes and ports.
import type {
  Container as BaseContainer,
  PodTemplate as BasePodTemplate,
} from '../../woocommerce/tests/shapes';
import type { K8sObject } from './render';

export {
  containersOf,
  isWorkload,
  podTemplateOf,
  specOf,
  type EnvVar,
  type LabelSelector,
  type NetworkPolicyPeer,
  type NetworkPolicySpec,
} from '../../woocommerce/tests/shapes';

export interface Probe {
  httpGet?: { path: string; port: string | number };
  exec?: { command: string[] };
  periodSeconds?: number;
  failureThreshold?: number;
}

export interface Container extends BaseContainer {
  args?: string[];
  ports?: { name: string; containerPort: number }[];
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
}

export interface PodTemplate extends BasePodTemplate {
  spec: BasePodTemplate['spec'] & {
    containers: Container[];
    initContainers?: Container[];
    restartPolicy?: string;
    automountServiceAccountToken?: boolean;
  };
}

/** The pod template of a Deployment, StatefulSet or Job, with probes and ports typed. */
export function podOf(obj: K8sObject): PodTemplate {
  return (obj.spec as { template: PodTemplate }).template;
}
