// Each driver's databaseAccess against what its chart really renders (helm template): the Service
// and its port, the pod the Service selects, the database and user its env sets, and the Secret
// key its password env reads. A rename in a chart fails here, not in a user's Connect.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toolchainHelm } from '../../test-rig/cluster/toolchain';
import { medusaDriver } from '../store-kinds/medusa/driver';
import { woocommerceDriver } from '../store-kinds/woocommerce/driver';
import type { StoreKindDriver } from '../store-kinds/driver';

interface K8sObject {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** `helm template` of the driver's chart with the values the engine would install it with. */
async function render(driver: StoreKindDriver, release: string, extra: Record<string, string>) {
  const store = { id: 'st-1', name: release, namespace: `store-${release}` };
  const values = driver.buildValues({
    store,
    host: driver.host(store, 'localhost'),
    secrets: driver.generateSecrets(),
    extra,
  });
  const dir = await mkdtemp(join(tmpdir(), 'storefleet-db-chart-'));
  try {
    const file = join(dir, 'values.json');
    await writeFile(file, JSON.stringify(values), { mode: 0o600 });
    const { stdout } = await execa(toolchainHelm(), [
      'template',
      release,
      driver.chartPath,
      '--namespace',
      store.namespace,
      '--values',
      file,
    ]);
    return parseAllDocuments(stdout)
      .map((d) => d.toJS() as unknown)
      .filter((o): o is K8sObject => typeof o === 'object' && o !== null && 'kind' in o);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface Container {
  env?: EnvVar[];
  ports?: { name?: string; containerPort: number }[];
}

function checkAgainstChart(
  driver: StoreKindDriver,
  objects: K8sObject[],
  o: { release: string; passwordEnv: string; port: number },
): void {
  const store = { id: 'st-1', name: o.release, namespace: `store-${o.release}` };
  const access = driver.databaseAccess?.(store);
  if (!access) throw new Error('the driver has no databaseAccess');
  const find = (kind: string, name: string) =>
    objects.find((x) => x.kind === kind && x.metadata.name === name);

  const service = find('Service', access.service) as
    | (K8sObject & {
        spec: {
          selector: Record<string, string>;
          ports: { name: string; port: number; targetPort: string | number }[];
        };
      })
    | undefined;
  expect(service, `Service ${access.service}`).toBeDefined();
  const port = service?.spec.ports.find((p) => p.name === access.servicePort);
  expect(port?.port).toBe(o.port);

  // The StatefulSet whose pods the Service selects.
  const sets = objects.filter((x) => x.kind === 'StatefulSet') as (K8sObject & {
    spec: {
      template: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } };
    };
  })[];
  const selected = sets.filter((s) =>
    Object.entries(service?.spec.selector ?? {}).every(
      ([k, v]) => s.spec.template.metadata.labels[k] === v,
    ),
  );
  expect(selected).toHaveLength(1);
  const container = selected[0]?.spec.template.spec.containers[0];
  const env = (name: string | undefined) => container?.env?.find((e) => e.name === name);
  expect(env(access.env?.database)?.value).toBe(access.database);
  expect(env(access.env?.user)?.value).toBe(access.user);
  expect(container?.ports?.find((p) => p.name === port?.targetPort)?.containerPort).toBe(o.port);

  const secretRef = env(o.passwordEnv)?.valueFrom?.secretKeyRef;
  expect(secretRef).toEqual({
    name: driver.workloads(store).credentialsSecret,
    key: access.passwordKey,
  });
  const secret = find('Secret', driver.workloads(store).credentialsSecret);
  expect(Object.keys({ ...secret?.data, ...secret?.stringData })).toContain(access.passwordKey);
}

describe('databaseAccess matches the charts', () => {
  it('WooCommerce: the mariadb Service, port 3306, MARIADB_DATABASE/MARIADB_USER, mariadb-password', async () => {
    const objects = await render(woocommerceDriver, 'shop1', {});
    checkAgainstChart(woocommerceDriver, objects, {
      release: 'shop1',
      passwordEnv: 'MARIADB_PASSWORD',
      port: 3306,
    });
  });

  it('Medusa: the postgres Service, port 5432, POSTGRES_DB/POSTGRES_USER, database-password', async () => {
    const objects = await render(medusaDriver, 'shop1', { medusaImageTag: '0123456789ab' });
    checkAgainstChart(medusaDriver, objects, {
      release: 'shop1',
      passwordEnv: 'POSTGRES_PASSWORD',
      port: 5432,
    });
  });
});
