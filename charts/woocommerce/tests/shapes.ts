// Just enough typing of rendered objects for the chart's assertions.
import type { K8sObject } from './render';

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

export interface Container {
  name: string;
  image: string;
  env?: EnvVar[];
  resources?: {
    requests?: Record<string, string>;
    limits?: Record<string, string>;
  };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
    seccompProfile?: { type: string };
  };
}

export interface PodTemplate {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    containers: Container[];
    initContainers?: Container[];
    nodeSelector?: Record<string, string>;
    securityContext?: {
      runAsUser?: number;
      runAsNonRoot?: boolean;
      seccompProfile?: { type: string };
    };
    volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[];
  };
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

export interface NetworkPolicySpec {
  podSelector: LabelSelector;
  policyTypes: string[];
  ingress?: { from?: NetworkPolicyPeer[]; ports?: { port: number }[] }[];
  egress?: { to?: NetworkPolicyPeer[]; ports?: { port: number }[] }[];
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'Job']);

export function isWorkload(obj: K8sObject): boolean {
  return WORKLOADS.has(obj.kind);
}

export function podTemplateOf(obj: K8sObject): PodTemplate {
  if (!isWorkload(obj)) throw new Error(`${obj.kind} has no pod template`);
  return (obj.spec as { template: PodTemplate }).template;
}

export function containersOf(obj: K8sObject): Container[] {
  const spec = podTemplateOf(obj).spec;
  return [...(spec.initContainers ?? []), ...spec.containers];
}

export function specOf<T>(obj: K8sObject): T {
  return obj.spec as T;
}
