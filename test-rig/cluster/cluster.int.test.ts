import { ApiException, type V1Pod, type V1PodSpec } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_LOG_LINES } from './kwok-logs';
import { clients, createNamespace, deleteNamespaceAndWait, until } from './testdata/kube';

const { core, apps, batch } = clients();
const namespaces: string[] = [];

async function namespace(prefix: string): Promise<string> {
  const name = await createNamespace(core, prefix);
  namespaces.push(name);
  return name;
}

afterEach(async () => {
  await Promise.all(namespaces.splice(0).map((ns) => deleteNamespaceAndWait(core, ns, 30_000)));
});

const CONTAINERS = [{ name: 'main', image: 'registry.example/app:1' }];

function pod(name: string, extra: Partial<V1PodSpec> = {}): V1Pod {
  return { metadata: { name }, spec: { containers: CONTAINERS, ...extra } };
}

describe('test cluster', () => {
  it('has two Ready laptop-sized nodes, a default local-path StorageClass and traefik IngressClass', async () => {
    const nodes = (await core.listNode()).items;
    expect(nodes).toHaveLength(2);
    for (const node of nodes) {
      expect(node.status?.allocatable).toMatchObject({ cpu: '4', memory: '8Gi', pods: '110' });
      expect(node.spec?.taints ?? []).toEqual([]);
    }
    const { kc } = clients();
    const { StorageV1Api, NetworkingV1Api } = await import('@kubernetes/client-node');
    const sc = await kc.makeApiClient(StorageV1Api).readStorageClass({ name: 'local-path' });
    expect(sc.provisioner).toBe('rancher.io/local-path');
    expect(sc.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class']).toBe('true');
    const ic = await kc.makeApiClient(NetworkingV1Api).readIngressClass({ name: 'traefik' });
    expect(ic.spec?.controller).toBe('traefik.io/ingress-controller');
  });

  it('enforces ResourceQuota and applies LimitRange defaults at admission', async () => {
    const ns = await namespace('quota');
    await core.createNamespacedResourceQuota({
      namespace: ns,
      body: { metadata: { name: 'q' }, spec: { hard: { 'limits.memory': '1Gi', pods: '5' } } },
    });
    await core.createNamespacedLimitRange({
      namespace: ns,
      body: {
        metadata: { name: 'defaults' },
        spec: {
          limits: [
            {
              type: 'Container',
              _default: { cpu: '500m', memory: '256Mi' },
              defaultRequest: { cpu: '100m', memory: '128Mi' },
            },
          ],
        },
      },
    });
    // The quota controller must have computed usage before admission will count against it.
    await until(
      'quota status',
      async () =>
        (await core.readNamespacedResourceQuota({ name: 'q', namespace: ns })).status?.hard ??
        undefined,
      10_000,
    );
    const created = await core.createNamespacedPod({ namespace: ns, body: pod('defaulted') });
    expect(created.spec?.containers[0]?.resources).toMatchObject({
      limits: { cpu: '500m', memory: '256Mi' },
      requests: { cpu: '100m', memory: '128Mi' },
    });
    const big = pod('too-big', {
      containers: [{ name: 'main', image: 'x', resources: { limits: { memory: '2Gi' } } }],
    });
    const rejected = core.createNamespacedPod({ namespace: ns, body: big });
    await expect(rejected).rejects.toBeInstanceOf(ApiException);
    await expect(rejected).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof ApiException &&
        error.code === 403 &&
        String(error.body).includes('exceeded quota'),
    );
  });

  it('schedules a Deployment and its pods become Ready', async () => {
    const ns = await namespace('deploy');
    const labels = { app: 'web' };
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: CONTAINERS } },
        },
      },
    });
    const ready = await until(
      'deployment ready',
      async () => {
        const d = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
        return d.status?.readyReplicas === 2 ? d : undefined;
      },
      30_000,
    );
    expect(ready.status?.availableReplicas).toBe(2);
    const pods = (await core.listNamespacedPod({ namespace: ns })).items;
    expect(pods.every((p) => p.spec?.nodeName?.startsWith('storefleet-node-'))).toBe(true);
  });

  it('completes a Job, and fails one annotated storefleet.test/fail with readable logs', async () => {
    const ns = await namespace('jobs');
    const job = (name: string, annotations: Record<string, string> = {}) =>
      batch.createNamespacedJob({
        namespace: ns,
        body: {
          metadata: { name },
          spec: {
            backoffLimit: 0,
            template: {
              metadata: { annotations },
              spec: { containers: CONTAINERS, restartPolicy: 'Never' },
            },
          },
        },
      });
    await job('ok');
    await job('bad', { 'storefleet.test/fail': 'true' });
    const finished = (name: string, type: 'Complete' | 'Failed') =>
      until(
        `job ${name} ${type}`,
        async () => {
          const j = await batch.readNamespacedJob({ name, namespace: ns });
          return j.status?.conditions?.some((c) => c.type === type && c.status === 'True')
            ? j
            : undefined;
        },
        30_000,
      );
    expect((await finished('ok', 'Complete')).status?.succeeded).toBe(1);
    expect((await finished('bad', 'Failed')).status?.failed).toBe(1);
    const [failedPod] = (
      await core.listNamespacedPod({ namespace: ns, labelSelector: 'job-name=bad' })
    ).items;
    expect(failedPod?.status?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(1);
    const logs = await core.readNamespacedPodLog({
      name: failedPod?.metadata?.name ?? '',
      namespace: ns,
    });
    expect(logs).toContain(FAKE_LOG_LINES[0]);
  });

  it('binds a PVC through the local-path stand-in and deletes its PV with the claim', async () => {
    const ns = await namespace('pvc');
    await core.createNamespacedPersistentVolumeClaim({
      namespace: ns,
      body: {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    });
    await core.createNamespacedPod({
      namespace: ns,
      body: pod('user', {
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
      }),
    });
    const bound = await until(
      'pvc bound',
      async () => {
        const pvc = await core.readNamespacedPersistentVolumeClaim({ name: 'data', namespace: ns });
        return pvc.status?.phase === 'Bound' ? pvc : undefined;
      },
      30_000,
    );
    expect(bound.spec?.storageClassName).toBe('local-path');
    const pvName = bound.spec?.volumeName ?? '';
    const pv = await core.readPersistentVolume({ name: pvName });
    expect(pv.spec?.persistentVolumeReclaimPolicy).toBe('Delete');
    await core.deleteNamespacedPod({ name: 'user', namespace: ns });
    await core.deleteNamespacedPersistentVolumeClaim({ name: 'data', namespace: ns });
    await until(
      `pv ${pvName} deleted`,
      () =>
        core.readPersistentVolume({ name: pvName }).then(
          () => undefined,
          (error: unknown) => {
            if (error instanceof ApiException && error.code === 404) return true;
            throw error;
          },
        ),
      30_000,
    );
  });
});
