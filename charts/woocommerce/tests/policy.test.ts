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
  podTemplateOf,
  specOf,
  type CronJobSpec,
  type NetworkPolicyPeer,
  type NetworkPolicySpec,
} from './shapes';

// Capabilities the Pod Security "baseline" level allows a container to add.
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

describe('network policies', () => {
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

  it('select this store’s pods only', () => {
    // six of the store's own, and the mail catcher's (values-local.yaml turns mail on)
    expect(policies(objects)).toHaveLength(7);
    for (const [name, spec] of policies(objects))
      expect(selectsOnlyThisStore(spec.podSelector), name).toBe(true);
  });

  it('deny all traffic by default, in both directions', () => {
    const deny = specOf<NetworkPolicySpec>(
      findObject(objects, 'NetworkPolicy', 'shop1-default-deny'),
    );
    expect(deny.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
    expect(deny.ingress).toBeUndefined();
    expect(deny.egress).toBeUndefined();
  });

  it('admit only the ingress controller’s pods in its namespace, and only to WordPress on port 80 and the mail catcher’s UI', () => {
    const peers = ingressPeers(objects);
    const namespacePeers = peers.filter(([, peer]) => peer.namespaceSelector !== undefined);
    expect(namespacePeers).toEqual([
      [
        'shop1-mailpit',
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik-system' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
        },
      ],
      [
        'shop1-wordpress',
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik-system' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
        },
      ],
    ]);
    // A namespace selector without a pod selector in the same peer admits every pod there.
    for (const [name, peer] of namespacePeers) {
      const labels = peer.podSelector?.matchLabels ?? {};
      expect(Object.keys(labels).length, `${name} admits a whole namespace`).toBeGreaterThan(0);
    }
    for (const [name, peer] of peers) expect(peer.ipBlock, name).toBeUndefined();
    const wordpress = specOf<NetworkPolicySpec>(
      findObject(objects, 'NetworkPolicy', 'shop1-wordpress'),
    );
    expect(wordpress.podSelector.matchLabels?.['app.kubernetes.io/component']).toBe('wordpress');
    expect(wordpress.ingress?.[0]?.ports?.map((p) => p.port)).toEqual([80]);
  });

  it('let only WordPress, the bootstrap Job and the WP-Cron runs of this store reach MariaDB, on 3306', () => {
    const mariadb = specOf<NetworkPolicySpec>(
      findObject(objects, 'NetworkPolicy', 'shop1-mariadb'),
    );
    expect(mariadb.podSelector.matchLabels?.['app.kubernetes.io/component']).toBe('mariadb');
    expect(mariadb.ingress).toHaveLength(1);
    const rule = mariadb.ingress?.[0];
    expect(rule?.ports?.map((p) => p.port)).toEqual([3306]);
    expect(rule?.from).toHaveLength(1);
    const from = rule?.from?.[0]?.podSelector;
    expect(selectsOnlyThisStore(from)).toBe(true);
    expect(from?.matchExpressions).toEqual([
      {
        key: 'app.kubernetes.io/component',
        operator: 'In',
        values: ['wordpress', 'bootstrap', 'cron'],
      },
    ]);
  });

  it('let every pod resolve names and only WordPress, the Job and the WP-Cron runs go out to the web', () => {
    const dns = specOf<NetworkPolicySpec>(findObject(objects, 'NetworkPolicy', 'shop1-dns'));
    expect(dns.egress?.[0]?.ports?.map((p) => p.port)).toEqual([53, 53]);
    const webEgress = policies(objects).filter(([, spec]) =>
      (spec.egress ?? []).some((rule) => rule.ports?.some((p) => p.port === 443)),
    );
    expect(webEgress.map(([name]) => name).sort()).toEqual([
      'shop1-bootstrap',
      'shop1-cron',
      'shop1-wordpress',
    ]);
    const cron = specOf<NetworkPolicySpec>(findObject(objects, 'NetworkPolicy', 'shop1-cron'));
    expect(cron.podSelector.matchLabels?.['app.kubernetes.io/component']).toBe('cron');
    expect(cron.ingress).toBeUndefined();
    for (const [, spec] of webEgress) {
      const web = spec.egress?.find((rule) => rule.to?.some((peer) => peer.ipBlock));
      expect(web?.to?.[0]?.ipBlock?.except).toEqual([
        '10.0.0.0/8',
        '172.16.0.0/12',
        '192.168.0.0/16',
        ...ALWAYS_EXCEPT,
      ]);
      expect(web?.ports?.map((p) => p.port)).toEqual([80, 443]);
    }
  });
});

// Metadata service (link-local), carrier-grade NAT and loopback.
const ALWAYS_EXCEPT = ['169.254.0.0/16', '100.64.0.0/10', '127.0.0.0/8'];

/** The `except` list of each policy's web egress rule (the one with an ipBlock). */
function webExcepts(objects: readonly K8sObject[]): [string, string[]][] {
  return policies(objects).flatMap(([name, spec]) =>
    (spec.egress ?? [])
      .flatMap((rule) => rule.to ?? [])
      .filter((peer) => peer.ipBlock !== undefined)
      .map((peer): [string, string[]] => [name, peer.ipBlock?.except ?? []]),
  );
}

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('web egress with values-%s.yaml', (_name, valuesFile) => {
  it('never reaches the metadata service, carrier-grade NAT or loopback, nor private ranges', async () => {
    const excepts = webExcepts(
      await render({ valuesFiles: [valuesFile], values: [storeValues('shop1', 'st-policy')] }),
    );
    expect(excepts.map(([name]) => name).sort()).toEqual([
      'shop1-bootstrap',
      'shop1-cron',
      'shop1-wordpress',
    ]);
    for (const [name, except] of excepts) {
      for (const cidr of [...ALWAYS_EXCEPT, '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'])
        expect(except, `${name} excludes ${cidr}`).toContain(cidr);
    }
  });

  it('still excludes the metadata service, carrier-grade NAT and loopback when internetExcept is emptied', async () => {
    const excepts = webExcepts(
      await render({
        valuesFiles: [valuesFile],
        values: [storeValues('shop1', 'st-policy'), { networkPolicy: { internetExcept: [] } }],
      }),
    );
    expect(excepts).toHaveLength(3);
    for (const [name, except] of excepts) expect(except, name).toEqual(ALWAYS_EXCEPT);
  });
});

describe('ingress controller pods', () => {
  const wordpressPeers = async (...values: object[]): Promise<NetworkPolicyPeer[]> => {
    const objects = await render({
      valuesFiles: [VALUES_LOCAL],
      values: [storeValues('shop1', 'st-policy'), ...values],
    });
    const spec = specOf<NetworkPolicySpec>(findObject(objects, 'NetworkPolicy', 'shop1-wordpress'));
    return (spec.ingress ?? []).flatMap((rule) => rule.from ?? []);
  };

  it('are selected by the labels in networkPolicy.ingressControllerPodLabels', async () => {
    const peers = await wordpressPeers({
      networkPolicy: {
        ingressControllerNamespace: 'ingress',
        // null removes the default label in Helm's merge of values.
        ingressControllerPodLabels: {
          'app.kubernetes.io/name': null,
          'app.kubernetes.io/component': 'controller',
        },
      },
    });
    expect(peers).toEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/component': 'controller' } },
      },
    ]);
  });

  it('refuses an empty label set, which would admit the whole namespace, with or without the schema', async () => {
    await expectEmptyIngressLabelsRefused(template, VALUES_LOCAL, storeValues());
  });
});

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('security contexts with values-%s.yaml', (_name, valuesFile) => {
  it('meet Pod Security baseline everywhere and drop all capabilities, adding back only for Apache', async () => {
    const workloads = (await render({ valuesFiles: [valuesFile], values: [storeValues()] })).filter(
      isWorkload,
    );
    for (const workload of workloads) {
      const pod = podTemplateOf(workload).spec;
      expect(pod.securityContext?.seccompProfile?.type, workload.kind).toBe('RuntimeDefault');
      for (const container of containersOf(workload)) {
        const where = `${workload.kind}/${container.name}`;
        const security = container.securityContext;
        expect(security?.allowPrivilegeEscalation, where).toBe(false);
        expect(security?.capabilities?.drop, where).toEqual(['ALL']);
        const added = security?.capabilities?.add ?? [];
        for (const cap of added)
          expect(BASELINE_CAPABILITIES.has(cap), `${where} adds ${cap}`).toBe(true);
        if (container.name !== 'wordpress') {
          expect(added, where).toEqual([]);
          expect(security?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot, where).toBe(true);
        }
      }
    }
  });
});

describe('ingress and TLS', () => {
  it('serves plain HTTP on the store host locally, with no certificate request', async () => {
    const objects = await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues()] });
    const ingress = findObject(objects, 'Ingress', 'shop1-wordpress');
    const spec = specOf<{ ingressClassName: string; tls?: unknown; rules: { host: string }[] }>(
      ingress,
    );
    expect(spec.ingressClassName).toBe('traefik');
    expect(spec.rules.map((r) => r.host)).toEqual(['shop1.localhost']);
    expect(spec.tls).toBeUndefined();
    expect(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBeUndefined();
    const env = containersOf(findObject(objects, 'Job', 'shop1-bootstrap')).flatMap(
      (c) => c.env ?? [],
    );
    expect(env.find((e) => e.name === 'SITE_URL')?.value).toBe('http://shop1.localhost');
  });

  it('terminates TLS with a cert-manager certificate in production', async () => {
    const values = storeValues('shop1');
    values.ingress.host = 'shop1.example.org';
    const objects = await render({ valuesFiles: [VALUES_PROD], values: [values] });
    expectProductionTls(objects, 'shop1-wordpress');
    const env = containersOf(findObject(objects, 'Job', 'shop1-bootstrap')).flatMap(
      (c) => c.env ?? [],
    );
    expect(env.find((e) => e.name === 'SITE_URL')?.value).toBe('https://shop1.example.org');
  });
});

describe('workload settings', () => {
  it('recreates WordPress (ReadWriteOnce volume) and exposes it as port 80 named http', async () => {
    const objects = await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues()] });
    const deployment = specOf<{ strategy: { type: string } }>(
      findObject(objects, 'Deployment', 'shop1-wordpress'),
    );
    expect(deployment.strategy.type).toBe('Recreate');
    const service = specOf<{ ports: { name: string; port: number }[] }>(
      findObject(objects, 'Service', 'shop1-wordpress'),
    );
    expect(service.ports).toEqual([expect.objectContaining({ name: 'http', port: 80 })]);
  });

  it('puts no test hook on the bootstrap pod: failure injection lives in the test rig', async () => {
    const objects = await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues()] });
    const annotations = podTemplateOf(findObject(objects, 'Job', 'shop1-bootstrap')).metadata
      .annotations;
    expect(Object.keys(annotations ?? {}).filter((k) => k.startsWith('storefleet.test/'))).toEqual(
      [],
    );
  });

  it('schedules by the node selectors given, the Job beside WordPress', async () => {
    const objects = await render({
      valuesFiles: [VALUES_LOCAL],
      values: [
        storeValues(),
        { mariadb: { nodeSelector: { disk: 'ssd' } }, wordpress: { nodeSelector: { zone: 'a' } } },
      ],
    });
    const selectorOf = (kind: string, name: string): Record<string, string> | undefined =>
      podTemplateOf(findObject(objects, kind, name)).spec.nodeSelector;
    expect(selectorOf('StatefulSet', 'shop1-mariadb')).toEqual({ disk: 'ssd' });
    expect(selectorOf('Deployment', 'shop1-wordpress')).toEqual({ zone: 'a' });
    expect(selectorOf('Job', 'shop1-bootstrap')).toEqual({ zone: 'a' });
    expect(selectorOf('CronJob', 'shop1-cron')).toEqual({ zone: 'a' });
  });

  it('scales both workloads to zero and suspends WP-Cron when the store is stopped', async () => {
    const objects = await render({
      valuesFiles: [VALUES_LOCAL],
      values: [storeValues(), { store: { stopped: true } }],
    });
    expectScaledToZero(objects, [
      ['StatefulSet', 'shop1-mariadb'],
      ['Deployment', 'shop1-wordpress'],
    ]);
    expect(specOf<CronJobSpec>(findObject(objects, 'CronJob', 'shop1-cron')).suspend).toBe(true);
    const running = await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues()] });
    expect(specOf<CronJobSpec>(findObject(running, 'CronJob', 'shop1-cron')).suspend).toBe(false);
  });
});
