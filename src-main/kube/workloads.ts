import type { V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import type { KubeClients } from './client';
import { readOrUndefined } from './client';
import { latestFailedCreate, listPods, selectorString, summarizePods } from './pod-diagnosis';
import type { Observation, WaitOpts } from './progress-wait';
import { waitWithDiagnosis } from './progress-wait';

export type { WaitOpts } from './progress-wait';
export { JobFailedError, waitForJobComplete } from './job-wait';
export type { JobWaitOpts } from './job-wait';

/** Ready means: the controller saw the latest spec, and every desired replica is updated and ready. */
export function waitForStatefulSetReady(
  c: KubeClients,
  ns: string,
  name: string,
  o: WaitOpts,
): Promise<void> {
  return waitWithDiagnosis(`statefulset ${name} in namespace ${ns} to be ready`, o, async () => {
    const sts = await readOrUndefined(() =>
      c.apps.readNamespacedStatefulSet({ name, namespace: ns }),
    );
    if (!sts) return { done: false, summary: `${name}: statefulset not created yet` };
    return observeStatefulSet(c, ns, name, sts);
  });
}

export function waitForDeploymentReady(
  c: KubeClients,
  ns: string,
  name: string,
  o: WaitOpts,
): Promise<void> {
  return waitWithDiagnosis(`deployment ${name} in namespace ${ns} to be ready`, o, async () => {
    const dep = await readOrUndefined(() =>
      c.apps.readNamespacedDeployment({ name, namespace: ns }),
    );
    if (!dep) return { done: false, summary: `${name}: deployment not created yet` };
    return observeDeployment(c, ns, name, dep);
  });
}

function observeStatefulSet(
  c: KubeClients,
  ns: string,
  name: string,
  sts: V1StatefulSet,
): Observation {
  const desired = sts.spec?.replicas ?? 1;
  const st = sts.status;
  const ready = st?.readyReplicas ?? 0;
  const observed = (st?.observedGeneration ?? 0) >= (sts.metadata?.generation ?? 1);
  // With OnDelete the controller never replaces pods itself, so "updated" cannot be awaited.
  const onDelete = sts.spec?.updateStrategy?.type === 'OnDelete';
  const updated = onDelete || (st?.updatedReplicas ?? 0) >= desired;
  const done = observed && updated && ready >= desired && (st?.replicas ?? 0) === desired;
  const selector = selectorString(sts.spec?.selector);
  const uid = sts.metadata?.uid;
  return {
    done,
    summary: `${name}: ${ready}/${desired} ready`,
    diagnose: async () => {
      const pods = await listPods(c, ns, selector);
      const podProblem = summarizePods(pods);
      if (podProblem || pods.length >= desired || !uid) return podProblem;
      return latestFailedCreate(c, ns, [uid]);
    },
  };
}

function observeDeployment(
  c: KubeClients,
  ns: string,
  name: string,
  dep: V1Deployment,
): Observation {
  const desired = dep.spec?.replicas ?? 1;
  const st = dep.status;
  const ready = st?.readyReplicas ?? 0;
  const observed = (st?.observedGeneration ?? 0) >= (dep.metadata?.generation ?? 1);
  const done =
    observed &&
    (st?.updatedReplicas ?? 0) >= desired &&
    (st?.availableReplicas ?? 0) >= desired &&
    ready >= desired &&
    // Old ReplicaSets' pods still count here until they are gone.
    (st?.replicas ?? 0) === desired;
  const stalled = st?.conditions?.find(
    (x) => x.type === 'Progressing' && x.reason === 'ProgressDeadlineExceeded',
  );
  const selector = selectorString(dep.spec?.selector);
  const uid = dep.metadata?.uid;
  return {
    done,
    summary: `${name}: ${ready}/${desired} ready${stalled ? ', rollout stalled' : ''}`,
    diagnose: async () => {
      const pods = await listPods(c, ns, selector);
      const podProblem = summarizePods(pods);
      if (podProblem || pods.length >= desired || !uid) return podProblem;
      // Admission refusals are reported on the ReplicaSet, not on the Deployment.
      const sets = await c.apps.listNamespacedReplicaSet({
        namespace: ns,
        labelSelector: selector,
      });
      const owned = sets.items
        .filter((rs) => rs.metadata?.ownerReferences?.some((r) => r.uid === uid))
        .map((rs) => rs.metadata?.uid)
        .filter((u): u is string => Boolean(u));
      return latestFailedCreate(c, ns, owned);
    },
  };
}
