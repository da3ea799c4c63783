import { request } from 'node:http';
import { createKubeClients, readOrUndefined, type KubeTarget } from '../../src-main/kube/client';
import { waitUntil } from '../../src-main/kube/wait';

/**
 * k3s installs Traefik itself, after the cluster reports ready: its helm-controller runs the
 * `traefik` HelmChart in kube-system (a helm-install-traefik Job), which creates the `traefik`
 * Deployment and a LoadBalancer Service that ServiceLB (svclb-traefik pods) publishes on the
 * node's ports 80 and 443. Until then k3d's load balancer accepts a connection on the host port
 * and drops it (ECONNRESET, "socket hang up"). So `k3d cluster create --wait` is not enough:
 * wait for the Deployment, the Service's address, and an HTTP answer on the host port.
 */
export async function waitForTraefik(
  target: KubeTarget,
  o: { timeoutMs: number; httpPort: number; log?: (line: string) => void },
): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  const left = (): number => Math.max(1, deadline - Date.now());
  const c = createKubeClients(target);
  let seen = 'the traefik Deployment does not exist yet';
  await waitUntil(
    async () => {
      const dep = await readOrUndefined(() =>
        c.apps.readNamespacedDeployment({ name: 'traefik', namespace: 'kube-system' }),
      );
      if (!dep) return undefined;
      const want = dep.spec?.replicas ?? 1;
      const ready = dep.status?.readyReplicas ?? 0;
      seen = `traefik Deployment ${ready}/${want} ready`;
      return ready >= want && (dep.status?.updatedReplicas ?? 0) >= want ? true : undefined;
    },
    {
      timeoutMs: left(),
      intervalMs: 2_000,
      what: 'the traefik Deployment in kube-system',
      lastState: () => seen,
    },
  );
  o.log?.('[k3d e2e] traefik Deployment is ready');
  await waitUntil(
    async () => {
      const svc = await c.core.readNamespacedService({ name: 'traefik', namespace: 'kube-system' });
      return (svc.status?.loadBalancer?.ingress ?? []).length > 0 ? true : undefined;
    },
    { timeoutMs: left(), intervalMs: 1_000, what: 'the traefik Service to get an address' },
  );
  o.log?.('[k3d e2e] traefik Service has an address');
  const status = await waitForHttpAnswer(o.httpPort, { timeoutMs: left() });
  o.log?.(`[k3d e2e] port ${o.httpPort} answers through the load balancer (HTTP ${status})`);
}

/**
 * Waits until http://127.0.0.1:<port>/ gives any HTTP answer (Traefik says 404 for a host it has
 * no route for, which is enough), retrying while connections are refused, reset or hang.
 */
export async function waitForHttpAnswer(
  port: number,
  o: { timeoutMs: number; intervalMs?: number; host?: string },
): Promise<number> {
  let last = 'no attempt yet';
  return waitUntil(
    async () => {
      const outcome = await httpStatus(port, o.host ?? 'storefleet-probe.localhost');
      if (typeof outcome === 'number') return outcome;
      last = outcome.error;
      return undefined;
    },
    {
      timeoutMs: o.timeoutMs,
      intervalMs: o.intervalMs ?? 1_000,
      what: `an HTTP answer on port ${port}`,
      lastState: () => last,
    },
  );
}

/** The status code, or the transport error in words; never throws. */
function httpStatus(port: number, host: string): Promise<number | { error: string }> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/', method: 'GET', headers: { host }, timeout: 5_000 },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ error: error.code ? `${error.code}: ${error.message}` : error.message });
    });
    req.end();
  });
}
