import type { V1PodTemplateSpec } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_LOG_LINES } from '../../test-rig/cluster/kwok-logs';
import { removeNamespace, testClients, uniqueName } from '../../test-rig/kube/int-test-env';
import { WaitTimeoutError } from './wait';
import {
  JobFailedError,
  waitForDeploymentReady,
  waitForJobComplete,
  waitForStatefulSetReady,
} from './workloads';

const c = testClients();
const ns = uniqueName('kube-workloads');

function template(app: string, nodeSelector?: Record<string, string>): V1PodTemplateSpec {
  return {
    metadata: { labels: { app } },
    spec: { containers: [{ name: 'main', image: 'registry.invalid/app:1' }], nodeSelector },
  };
}

async function createDeployment(
  name: string,
  nodeSelector?: Record<string, string>,
): Promise<void> {
  await c.apps.createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: { name },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: template(name, nodeSelector),
      },
    },
  });
}

async function createJob(name: string, fail: boolean): Promise<void> {
  await c.batch.createNamespacedJob({
    namespace: ns,
    body: {
      metadata: { name },
      spec: {
        backoffLimit: 0,
        template: {
          metadata: { annotations: fail ? { 'storefleet.test/fail': 'true' } : {} },
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'bootstrap', image: 'registry.invalid/bootstrap:1' }],
          },
        },
      },
    },
  });
}

beforeAll(async () => {
  await c.core.createNamespace({ body: { metadata: { name: ns } } });
});
afterAll(async () => {
  await removeNamespace(c, ns);
});

describe('waitForDeploymentReady', () => {
  it('resolves once the pods are ready, reporting progress on the way', async () => {
    const messages: string[] = [];
    const waiting = waitForDeploymentReady(c, ns, 'web', {
      timeoutMs: 60_000,
      onProgress: (m) => messages.push(m),
    });
    // Started before the Deployment exists, as the engine does right after helm install.
    await new Promise((r) => setTimeout(r, 300));
    await createDeployment('web');
    await waiting;
    expect(messages[0]).toBe('web: deployment not created yet');
    expect(messages.at(-1)).toBe('web: 1/1 ready');
    expect(messages.some((m) => m.startsWith('web: 0/1 ready'))).toBe(true);
  });

  it('times out naming the scheduler message when no node matches the nodeSelector', async () => {
    await createDeployment('nowhere', { disk: 'ssd' });
    const p = waitForDeploymentReady(c, ns, 'nowhere', { timeoutMs: 6_000 });
    await expect(p).rejects.toBeInstanceOf(WaitTimeoutError);
    await expect(p).rejects.toThrow(
      /waiting for deployment nowhere in namespace .*; last seen: nowhere: 0\/1 ready \(pod pending: 0\/2 nodes are available: 2 node\(s\) didn't match Pod's node affinity\/selector/,
    );
  });

  it('times out naming the quota that refused the pods', async () => {
    const quotaNs = uniqueName('kube-quota');
    await c.core.createNamespace({ body: { metadata: { name: quotaNs } } });
    try {
      await c.core.createNamespacedResourceQuota({
        namespace: quotaNs,
        body: { metadata: { name: 'store-quota' }, spec: { hard: { pods: '0' } } },
      });
      await c.apps.createNamespacedDeployment({
        namespace: quotaNs,
        body: {
          metadata: { name: 'web' },
          spec: { selector: { matchLabels: { app: 'web' } }, template: template('web') },
        },
      });
      const p = waitForDeploymentReady(c, quotaNs, 'web', { timeoutMs: 5_000 });
      await expect(p).rejects.toThrow(/web: 0\/1 ready \(cannot create pods: .*quota/);
    } finally {
      await removeNamespace(c, quotaNs);
    }
  });

  it('stops promptly with an AbortError when cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    const p = waitForDeploymentReady(c, ns, 'never-created', {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('waitForStatefulSetReady', () => {
  it('resolves once every replica is ready', async () => {
    await c.apps.createNamespacedStatefulSet({
      namespace: ns,
      body: {
        metadata: { name: 'mariadb' },
        spec: {
          replicas: 2,
          serviceName: 'mariadb',
          selector: { matchLabels: { app: 'mariadb' } },
          template: template('mariadb'),
        },
      },
    });
    const messages: string[] = [];
    await waitForStatefulSetReady(c, ns, 'mariadb', {
      timeoutMs: 60_000,
      onProgress: (m) => messages.push(m),
    });
    expect(messages.at(-1)).toBe('mariadb: 2/2 ready');
    const sts = await c.apps.readNamespacedStatefulSet({ name: 'mariadb', namespace: ns });
    expect(sts.status?.readyReplicas).toBe(2);
  });
});

describe('waitForJobComplete', () => {
  it('resolves when the Job completes', async () => {
    await createJob('bootstrap-ok', false);
    const messages: string[] = [];
    await waitForJobComplete(c, ns, 'bootstrap-ok', {
      timeoutMs: 60_000,
      onProgress: (m) => messages.push(m),
    });
    expect(messages.at(-1)).toBe('bootstrap-ok: complete');
  });

  it('rejects a failed Job with its reason and the log tail of its pod', async () => {
    await createJob('bootstrap-bad', true);
    const p = waitForJobComplete(c, ns, 'bootstrap-bad', {
      timeoutMs: 60_000,
      redact: ['no real process'],
    });
    await expect(p).rejects.toBeInstanceOf(JobFailedError);
    await expect(p).rejects.toThrow(
      /^job bootstrap-bad failed: BackoffLimitExceeded: .*; pod bootstrap-bad-\w+: container bootstrap exited with code 1/,
    );
    await expect(p).rejects.toMatchObject({
      reason: 'BackoffLimitExceeded',
      logTail: FAKE_LOG_LINES.map((l) => l.replace('no real process', '[redacted]')),
    });
  });
});
