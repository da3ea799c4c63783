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
  command?: string[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
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
      runAsGroup?: number;
      runAsNonRoot?: boolean;
      fsGroup?: number;
      seccompProfile?: { type: string };
    };
    volumes?: {
      name: string;
      persistentVolumeClaim?: { claimName: string };
      emptyDir?: { sizeLimit?: string };
    }[];
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

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'Job', 'CronJob']);

export function isWorkload(obj: K8sObject): boolean {
  return WORKLOADS.has(obj.kind);
}

export interface CronJobSpec {
  schedule: string;
  suspend?: boolean;
  concurrencyPolicy?: string;
  startingDeadlineSeconds?: number;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate: {
    metadata?: { labels?: Record<string, string> };
    spec: { backoffLimit?: number; activeDeadlineSeconds?: number; template: PodTemplate };
  };
}

/** The pod template of a workload; a CronJob's is inside its Job template. */
export function podTemplateOf(obj: K8sObject): PodTemplate {
  if (!isWorkload(obj)) throw new Error(`${obj.kind} has no pod template`);
  if (obj.kind === 'CronJob') return (obj.spec as CronJobSpec).jobTemplate.spec.template;
  return (obj.spec as { template: PodTemplate }).template;
}

export function containersOf(obj: K8sObject): Container[] {
  const spec = podTemplateOf(obj).spec;
  return [...(spec.initContainers ?? []), ...spec.containers];
}

export function specOf<T>(obj: K8sObject): T {
  return obj.spec as T;
}
