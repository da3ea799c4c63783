import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectEmptyIngressLabelsRefused,
  expectProductionTls,
  expectScaledToZero,
  ingressPeers,
  policies,
  selectsOnlyThisStore,
} from '../../tests-shared/policy-checks';
import {
  VALUES_LOCAL,
  VALUES_PROD,
  findObject,
  render,
  storeValues,
  template,
  type K8sObject,
} from './render';
import {
  containersOf,
  isWorkload,
  podOf,
  podTemplateOf,
  specOf,
  type Container,
  type NetworkPolicyPeer,
  type NetworkPolicySpec,
} from './shapes';

/** The components a peer's pod selector picks among this store's pods. */
function componentsOf(peer: NetworkPolicyPeer | undefined): string[] | undefined {
  const selector = peer?.podSelector;
  if (!selectsOnlyThisStore(selector)) return undefined;
  return selector?.matchExpressions?.find((e) => e.key === 'app.kubernetes.io/component')?.values;
}

function policy(objects: readonly K8sObject[], name: string): NetworkPolicySpec {
  return specOf<NetworkPolicySpec>(findObject(objects, 'NetworkPolicy', name));
}

describe('Medusa network policies', () => {
  let objects: K8sObject[] = [];
  beforeAll(async () => {
    objects = await render({
      valuesFiles: [VALUES_LOCAL],
      values: [
        storeValues('shop1', 'st-policy'),
        { networkPolicy: { ingressControllerNamespace: 'traefik-system' } },
      ],
    });
  });

  it('select this store’s pods only, and each workload’s pods carry the component a policy names', () => {
    expect(policies(objects)).toHaveLength(5);
    for (const [name, spec] of policies(objects))
      expect(selectsOnlyThisStore(spec.podSelector), name).toBe(true);
    // Each component policy must select the pods its workload makes.
    for (const [kind, name, component] of [
      ['Deployment', 'shop1-medusa', 'medusa'],
      ['StatefulSet', 'shop1-postgres', 'postgres'],
      ['Job', 'shop1-setup', 'setup'],
    ] as const) {
      const labels = podTemplateOf(findObject(objects, kind, name)).metadata.labels ?? {};
      const spec = policy(objects, `shop1-${component}`);
      for (const [key, value] of Object.entries(spec.podSelector.matchLabels ?? {}))
        expect(labels[key], `${kind} ${name} ${key}`).toBe(value);
    }
  });

  it('deny all traffic by default, in both directions', () => {
    const deny = policy(objects, 'shop1-default-deny');
    expect(deny.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
    expect(deny.ingress).toBeUndefined();
    expect(deny.egress).toBeUndefined();
  });

  it('admit only the ingress controller’s pods and this store’s setup Job, and only to Medusa on 9000', () => {
    const peers = ingressPeers(objects);
    const namespacePeers = peers.filter(([, peer]) => peer.namespaceSelector !== undefined);
    expect(namespacePeers).toEqual([
      [
        'shop1-medusa',
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik-system' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
        },
      ],
    ]);
    for (const [name, peer] of peers) expect(peer.ipBlock, name).toBeUndefined();
    const medusa = policy(objects, 'shop1-medusa');
    expect(medusa.podSelector.matchLabels?.['app.kubernetes.io/component']).toBe('medusa');
    expect(medusa.ingress).toHaveLength(1);
    expect(medusa.ingress?.[0]?.ports?.map((p) => p.port)).toEqual([9000]);
    expect(componentsOf(medusa.ingress?.[0]?.from?.[1])).toEqual(['setup']);
  });

  it('let only Medusa and the setup Job of this store reach PostgreSQL, on 5432', () => {
    const postgres = policy(objects, 'shop1-postgres');
    expect(postgres.podSelector.matchLabels?.['app.kubernetes.io/component']).toBe('postgres');
    expect(postgres.ingress).toHaveLength(1);
    expect(postgres.ingress?.[0]?.ports?.map((p) => p.port)).toEqual([5432]);
    expect(postgres.ingress?.[0]?.from).toHaveLength(1);
    expect(componentsOf(postgres.ingress?.[0]?.from?.[0])).toEqual(['medusa', 'setup']);
    // PostgreSQL calls nobody.
    expect(postgres.policyTypes).toContain('Egress');
    expect(postgres.egress).toBeUndefined();
  });

  it('let every pod resolve names, and open no egress beyond this store’s own pods', () => {
    const dns = policy(objects, 'shop1-dns');
    expect(dns.egress?.[0]?.ports?.map((p) => p.port)).toEqual([53, 53]);
    expect(dns.egress?.[0]?.to).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } },
    ]);
    const egress = policies(objects)
      .filter(([name]) => name !== 'shop1-dns')
      .flatMap(([name, spec]) =>
        (spec.egress ?? []).map((rule) => ({
          name,
          to: (rule.to ?? []).map(componentsOf),
          ports: rule.ports?.map((p) => p.port),
        })),
      );
    expect(egress).toEqual([
      { name: 'shop1-medusa', to: [['postgres']], ports: [5432] },
      { name: 'shop1-setup', to: [['postgres']], ports: [5432] },
      { name: 'shop1-setup', to: [['medusa']], ports: [9000] },
    ]);
  });

  it('refuse an empty ingress controller label set, which would admit a whole namespace, with or without the schema', async () => {
    await expectEmptyIngressLabelsRefused(template, VALUES_LOCAL, storeValues());
  });
});

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('Medusa security contexts with values-%s.yaml', (_name, valuesFile) => {
  it('run every container non-root with a read-only root, no privilege escalation and no capabilities (Pod Security restricted)', async () => {
    const workloads = (await render({ valuesFiles: [valuesFile], values: [storeValues()] })).filter(
      isWorkload,
    );
    expect(workloads).toHaveLength(3);
    for (const workload of workloads) {
      const pod = podTemplateOf(workload).spec;
      expect(pod.securityContext?.seccompProfile?.type, workload.kind).toBe('RuntimeDefault');
      expect(pod.securityContext?.runAsNonRoot, workload.kind).toBe(true);
      expect(pod.securityContext?.runAsUser, workload.kind).toBeGreaterThan(0);
      expect(podOf(workload).spec.automountServiceAccountToken, workload.kind).toBe(false);
      for (const container of containersOf(workload)) {
        const where = `${workload.kind}/${container.name}`;
        const security = container.securityContext;
        expect(security?.allowPrivilegeEscalation, where).toBe(false);
        expect(security?.runAsNonRoot, where).toBe(true);
        expect(security?.readOnlyRootFilesystem, where).toBe(true);
        expect(security?.capabilities?.drop, where).toEqual(['ALL']);
        expect(security?.capabilities?.add, where).toBeUndefined();
      }
    }
  });

  it('runs PostgreSQL as uid 70, the Alpine image’s postgres user, with PGDATA in a subdirectory of its volume', async () => {
    const objects = await render({ valuesFiles: [valuesFile], values: [storeValues()] });
    const statefulSet = findObject(objects, 'StatefulSet', 'shop1-postgres');
    const pod = podOf(statefulSet).spec;
    expect(pod.securityContext).toMatchObject({ runAsUser: 70, runAsGroup: 70, fsGroup: 70 });
    const [postgres] = pod.containers;
    expect(postgres?.image).toMatch(/^docker\.io\/library\/postgres:17\.9-alpine/);
    const env = postgres?.env ?? [];
    const pgdata = env.find((e) => e.name === 'PGDATA')?.value ?? '';
    const data = postgres?.volumeMounts?.find((m) => m.name === 'data')?.mountPath ?? '';
    expect(data).toBe('/var/lib/postgresql/data');
    expect(pgdata.startsWith(`${data}/`)).toBe(true);
    // The read-only root leaves the socket directory and /tmp to emptyDirs.
    expect(postgres?.volumeMounts?.map((m) => m.mountPath).sort()).toEqual([
      '/tmp',
      '/var/lib/postgresql/data',
      '/var/run/postgresql',
    ]);
    for (const probe of [postgres?.startupProbe, postgres?.readinessProbe, postgres?.livenessProbe])
      expect(probe?.exec?.command.slice(0, 3)).toEqual([
        'pg_isready',
        '--quiet',
        '--host=127.0.0.1',
      ]);
  });
});

describe('Medusa ingress, TLS and the URLs Medusa is told', () => {
  const medusaEnv = (objects: K8sObject[]): Record<string, string | undefined> => {
    const container = containersOf(findObject(objects, 'Deployment', 'shop1-medusa')).find(
      (c) => c.name === 'medusa',
    );
    return Object.fromEntries((container?.env ?? []).map((e) => [e.name, e.value]));
  };

  it('serves plain HTTP on the store host locally, with no certificate request and insecure cookies', async () => {
    const objects = await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues()] });
    const ingress = findObject(objects, 'Ingress', 'shop1-medusa');
    const spec = specOf<{
      ingressClassName: string;
      tls?: unknown;
      rules: {
        host: string;
        http: {
          paths: { path: string; backend: { service: { name: string; port: { name: string } } } }[];
        };
      }[];
    }>(ingress);
    expect(spec.ingressClassName).toBe('traefik');
    expect(spec.rules.map((r) => r.host)).toEqual(['shop1.localhost']);
    expect(spec.rules[0]?.http.paths).toEqual([
      expect.objectContaining({
        path: '/',
        backend: { service: { name: 'shop1-medusa', port: { name: 'http' } } },
      }),
    ]);
    expect(spec.tls).toBeUndefined();
    expect(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBeUndefined();
    const env = medusaEnv(objects);
    for (const name of ['STORE_CORS', 'ADMIN_CORS', 'AUTH_CORS', 'MEDUSA_BACKEND_URL'])
      expect(env[name], name).toBe('http://shop1.localhost');
    expect(env.MEDUSA_COOKIE_SECURE).toBe('false');
    expect(env.MEDUSA_WORKER_MODE).toBe('shared');
    expect(env.MEDUSA_ADMIN_DISABLED).toBe('false');
  });

  it('terminates TLS with a cert-manager certificate in production, with Secure cookies', async () => {
    const values = storeValues('shop1');
    values.ingress.host = 'shop1.example.org';
    const objects = await render({ valuesFiles: [VALUES_PROD], values: [values] });
    expectProductionTls(objects, 'shop1-medusa');
    const env = medusaEnv(objects);
    for (const name of ['STORE_CORS', 'ADMIN_CORS', 'AUTH_CORS', 'MEDUSA_BACKEND_URL'])
      expect(env[name], name).toBe('https://shop1.example.org');
    expect(env.MEDUSA_COOKIE_SECURE).toBe('true');
  });

  it('turns the admin dashboard off with medusa.adminDashboard: false', async () => {
    const objects = await render({
      valuesFiles: [VALUES_LOCAL],
      values: [storeValues(), { medusa: { adminDashboard: false } }],
    });
    expect(medusaEnv(objects).MEDUSA_ADMIN_DISABLED).toBe('true');
  });
});

describe('Medusa workload settings', () => {
  let objects: K8sObject[] = [];
  beforeAll(async () => {
    objects = await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues()] });
  });

  const named = (list: Container[] | undefined, name: string): Container | undefined =>
    list?.find((c) => c.name === name);

  it('runs one Medusa, recreated rather than rolled, and exposes it as port 9000 named http', () => {
    const deployment = specOf<{ replicas: number; strategy: { type: string } }>(
      findObject(objects, 'Deployment', 'shop1-medusa'),
    );
    expect(deployment.replicas).toBe(1);
    expect(deployment.strategy.type).toBe('Recreate');
    const [medusa] = podOf(findObject(objects, 'Deployment', 'shop1-medusa')).spec.containers;
    expect(medusa?.ports).toEqual([expect.objectContaining({ name: 'http', containerPort: 9000 })]);
  });

  it('waits for PostgreSQL, then migrates, then starts: init containers in that order', () => {
    const pod = podOf(findObject(objects, 'Deployment', 'shop1-medusa')).spec;
    expect(pod.initContainers?.map((c) => [c.name, c.command])).toEqual([
      ['wait-for-postgres', ['sh', '/scripts/wait-for-postgres.sh']],
      ['migrate', ['storefleet-medusa', 'migrate']],
    ]);
    expect(pod.containers.map((c) => [c.name, c.command])).toEqual([
      ['medusa', ['storefleet-medusa', 'start']],
    ]);
    const wait = named(pod.initContainers, 'wait-for-postgres');
    expect(Object.fromEntries((wait?.env ?? []).map((e) => [e.name, e.value]))).toMatchObject({
      PGHOST: 'shop1-postgres',
      PGPORT: '5432',
    });
  });

  it('probes Medusa on GET /health at its http port, with a startup allowance of minutes', () => {
    const [medusa] = podOf(findObject(objects, 'Deployment', 'shop1-medusa')).spec.containers;
    for (const probe of [medusa?.startupProbe, medusa?.readinessProbe, medusa?.livenessProbe])
      expect(probe?.httpGet).toEqual({ path: '/health', port: 'http' });
    const startup = medusa?.startupProbe;
    expect((startup?.periodSeconds ?? 0) * (startup?.failureThreshold ?? 0)).toBeGreaterThanOrEqual(
      120,
    );
  });

  it('gives Medusa writable /tmp (HOME) and uploads folders only, as emptyDirs', () => {
    const pod = podOf(findObject(objects, 'Deployment', 'shop1-medusa')).spec;
    const medusa = named(pod.containers, 'medusa');
    expect(medusa?.volumeMounts?.map((m) => m.mountPath).sort()).toEqual(['/app/static', '/tmp']);
    expect(medusa?.env?.find((e) => e.name === 'HOME')?.value).toBe('/tmp');
    for (const mount of medusa?.volumeMounts ?? []) {
      const volume = pod.volumes?.find((v) => v.name === mount.name);
      expect(volume?.emptyDir, mount.mountPath).toBeDefined();
    }
  });

  it('runs the setup Job: waits for Medusa’s /health through its Service, then ensure-admin with the admin from values and Secret', () => {
    const job = findObject(objects, 'Job', 'shop1-setup');
    const spec = specOf<{ backoffLimit: number; ttlSecondsAfterFinished?: number }>(job);
    expect(spec.backoffLimit).toBeGreaterThan(0);
    // The installer finds the Job by name after it finished.
    expect(spec.ttlSecondsAfterFinished).toBeUndefined();
    const pod = podOf(job).spec;
    expect(pod.restartPolicy).toBe('Never');
    const wait = named(pod.initContainers, 'wait-for-medusa');
    expect(wait?.command).toEqual(['node', '/scripts/wait-for-medusa.js']);
    expect(wait?.env?.find((e) => e.name === 'MEDUSA_HEALTH_URL')?.value).toBe(
      'http://shop1-medusa:9000/health',
    );
    const setup = named(pod.containers, 'setup');
    expect(setup?.command).toEqual(['storefleet-medusa', 'ensure-admin']);
    const env = setup?.env ?? [];
    expect(env.find((e) => e.name === 'MEDUSA_ADMIN_EMAIL')?.value).toBe('admin@example.com');
    expect(env.find((e) => e.name === 'MEDUSA_ADMIN_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({
      name: 'shop1-credentials',
      key: 'admin-password',
    });
  });

  it('scales Medusa and PostgreSQL to zero when the store is stopped, keeping the claim', async () => {
    const stopped = await render({
      valuesFiles: [VALUES_LOCAL],
      values: [storeValues(), { store: { stopped: true } }],
    });
    expectScaledToZero(stopped, [
      ['StatefulSet', 'shop1-postgres'],
      ['Deployment', 'shop1-medusa'],
    ]);
    const retention = specOf<{
      persistentVolumeClaimRetentionPolicy: { whenScaled: string; whenDeleted: string };
    }>(findObject(stopped, 'StatefulSet', 'shop1-postgres')).persistentVolumeClaimRetentionPolicy;
    expect(retention).toEqual({ whenDeleted: 'Delete', whenScaled: 'Retain' });
  });
});
