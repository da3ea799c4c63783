// The optional mail catcher (Mailpit) in the chart: on in values-local.yaml, off in
// values-prod.yaml; WordPress alone reaches its SMTP port, the ingress controller alone its UI.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  VALUES_LOCAL,
  VALUES_PROD,
  findObject,
  render,
  storeValues,
  template,
  type K8sObject,
} from './render';
import { containersOf, podTemplateOf, specOf, type NetworkPolicySpec } from './shapes';

const STORE = { 'app.kubernetes.io/instance': 'shop1', 'storefleet.io/store-id': 'st-mail' };
const values = () => [
  storeValues('shop1', 'st-mail'),
  { networkPolicy: { ingressControllerNamespace: 'traefik-system' } },
];

interface ServiceSpec {
  ports: { name: string; port: number; targetPort: string }[];
}
interface IngressSpec {
  rules: { host: string; http: { paths: { backend: { service: { name: string } } }[] } }[];
  tls?: { hosts: string[]; secretName: string }[];
}
type Env = { name: string; value?: string }[];

const quotaHard = (objects: K8sObject[]) =>
  specOf<{ hard: Record<string, string> }>(findObject(objects, 'ResourceQuota', 'shop1-quota'))
    .hard;

describe('mail catcher with values-local.yaml', () => {
  let objects: K8sObject[] = [];
  beforeAll(async () => {
    objects = await render({ valuesFiles: [VALUES_LOCAL], values: values() });
  });

  it('runs the official Mailpit image at a pinned tag, non-root, with requests and limits', () => {
    const deployment = findObject(objects, 'Deployment', 'shop1-mailpit');
    const [mailpit] = containersOf(deployment);
    expect(mailpit?.image).toMatch(/^docker\.io\/axllent\/mailpit:v\d+\.\d+\.\d+$/);
    const pod = podTemplateOf(deployment).spec as { securityContext?: { runAsNonRoot?: boolean } };
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    expect(mailpit?.resources?.requests?.cpu).toBeTruthy();
    expect(mailpit?.resources?.limits?.memory).toBeTruthy();
    const ports = (mailpit as unknown as { ports: { containerPort: number }[] }).ports;
    expect(ports.map((p) => p.containerPort).sort()).toEqual([1025, 8025]);
  });

  it('serves SMTP on 1025 and the UI on 8025, the UI at mail.<store host>', () => {
    const service = specOf<ServiceSpec>(findObject(objects, 'Service', 'shop1-mailpit'));
    expect(service.ports.map((p) => [p.name, p.port])).toEqual([
      ['smtp', 1025],
      ['http', 8025],
    ]);
    const ingress = specOf<IngressSpec>(findObject(objects, 'Ingress', 'shop1-mailpit'));
    expect(ingress.rules.map((r) => r.host)).toEqual(['mail.shop1.localhost']);
    expect(ingress.rules[0]?.http.paths[0]?.backend.service.name).toBe('shop1-mailpit');
  });

  it('points WordPress at it: the mail plugin is mounted and told the SMTP host', () => {
    const [wordpress] = containersOf(findObject(objects, 'Deployment', 'shop1-wordpress'));
    const env = (wordpress as unknown as { env: Env }).env;
    expect(env).toContainEqual({ name: 'STOREFLEET_SMTP_HOST', value: 'shop1-mailpit' });
    expect(env).toContainEqual({ name: 'STOREFLEET_SMTP_PORT', value: '1025' });
    const mounts = (wordpress as unknown as { volumeMounts: { mountPath: string }[] }).volumeMounts;
    expect(mounts.map((m) => m.mountPath)).toContain(
      '/var/www/html/wp-content/mu-plugins/storefleet-mail.php',
    );
  });

  it('lets only this store’s WordPress reach SMTP, only the ingress controller the UI, and Mailpit nothing', () => {
    const policy = specOf<NetworkPolicySpec>(findObject(objects, 'NetworkPolicy', 'shop1-mailpit'));
    expect(policy.podSelector.matchLabels).toEqual({
      ...STORE,
      'app.kubernetes.io/component': 'mailpit',
    });
    expect(policy.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
    expect(policy.egress ?? []).toEqual([]);
    expect(policy.ingress).toEqual([
      {
        from: [
          {
            podSelector: { matchLabels: { ...STORE, 'app.kubernetes.io/component': 'wordpress' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 1025 }],
      },
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik-system' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 8025 }],
      },
    ]);
    // WordPress's own egress opens port 1025 to Mailpit's pods and to nothing else
    const wordpress = specOf<NetworkPolicySpec>(
      findObject(objects, 'NetworkPolicy', 'shop1-wordpress'),
    );
    const toMail = (wordpress.egress ?? []).filter((rule) =>
      rule.ports?.some((p) => p.port === 1025),
    );
    expect(toMail).toEqual([
      {
        to: [
          { podSelector: { matchLabels: { ...STORE, 'app.kubernetes.io/component': 'mailpit' } } },
        ],
        ports: [{ protocol: 'TCP', port: 1025 }],
      },
    ]);
    // no other workload may send to it
    for (const name of ['shop1-bootstrap', 'shop1-cron']) {
      const spec = specOf<NetworkPolicySpec>(findObject(objects, 'NetworkPolicy', name));
      expect(JSON.stringify(spec.egress), name).not.toContain('mailpit');
    }
  });

  it('grows the quota by its one pod and one Service', async () => {
    const off = await render({
      valuesFiles: [VALUES_LOCAL],
      values: [...values(), { mail: { enabled: false } }],
    });
    expect(Number(quotaHard(objects).pods)).toBe(Number(quotaHard(off).pods) + 1);
    expect(Number(quotaHard(objects).services)).toBe(Number(quotaHard(off).services) + 1);
  });
});

describe('mail catcher with values-prod.yaml', () => {
  it('is off: no Mailpit, no SMTP settings, no mail plugin', async () => {
    const objects = await render({ valuesFiles: [VALUES_PROD], values: values() });
    expect(objects.filter((o) => o.metadata.name === 'shop1-mailpit')).toEqual([]);
    const text = JSON.stringify(objects);
    expect(text).not.toContain('STOREFLEET_SMTP_HOST');
    expect(text).not.toContain('storefleet-mail.php');
  });

  it('turned on for a TLS host, gives the mail host its own certificate', async () => {
    const objects = await render({
      valuesFiles: [VALUES_PROD],
      values: [
        storeValues('shop1', 'st-mail'),
        { ingress: { host: 'shop1.example.com' }, mail: { enabled: true } },
      ],
    });
    const ingress = specOf<IngressSpec>(findObject(objects, 'Ingress', 'shop1-mailpit'));
    expect(ingress.tls).toEqual([
      { hosts: ['mail.shop1.example.com'], secretName: 'shop1-mail-tls' },
    ]);
  });
});

describe('mail values schema', () => {
  it.each([
    [{ mail: { enabled: 1 } }, '/mail/enabled'],
    [{ mail: { relay: 'smtp.example.com' } }, 'relay'],
    [{ mail: { maxMessages: 0 } }, '/mail/maxMessages'],
  ])('rejects %j', async (bad, where) => {
    const result = await template({ valuesFiles: [VALUES_LOCAL], values: [storeValues(), bad] });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain(where);
  });
});
