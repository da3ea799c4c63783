// Connect to database on the test cluster, against real databases: the real API server proxies
// pods/portforward to kwok as it would to a kubelet, and kwok forwards a WooCommerce store's
// MariaDB pod port 3306 to Debian's mariadbd and a Medusa store's PostgreSQL pod port 5432 to
// Debian's PostgreSQL on this machine (test-rig/cluster/kwok-port-forward.ts). The mysql and
// psql clients log in through the app's loopback forward with the password the app reveals.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CoreV1Api, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  forwardPodPort,
  installKwokPortForwardCrd,
} from '../../test-rig/cluster/kwok-port-forward';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { waitFor } from '../../test-rig/cluster/wait';
import { standInStore } from '../../test-rig/fake-fixtures';
import { startMariadb, type RealMariadb } from '../../test-rig/mariadb/mariadb-server';
import { findPostgresBin, startPostgres, type TestPostgres } from '../../test-rig/medusa/postgres';
import { medusaDriver } from '../store-kinds/medusa/driver';
import { createKubeClients } from '../kube/client';
import { woocommerceDriver } from '../store-kinds/woocommerce/driver';
import { createStoreDbService, type StoreDbService } from './store-db-service';
import type { Store } from '../../src-shared/types/store-types';

const run = promisify(execFile);
const cluster = testCluster();
const kube = { kubeconfig: cluster.kubeconfigPath, context: cluster.context };
const namespace = `sf-db-${randomBytes(3).toString('hex')}`;
const PASSWORD = randomBytes(18).toString('base64url');

let kc: KubeConfig;
let core: CoreV1Api;
let mariadb: RealMariadb;
let postgres: TestPostgres;
let postgresDir: string;
const logged: string[] = [];

function dbPod(name: string, app: string, extra: Partial<NonNullable<V1Pod['spec']>> = {}): V1Pod {
  return {
    metadata: { name, labels: { app } },
    spec: {
      containers: [
        {
          name: 'mariadb',
          image: 'docker.io/library/mariadb:11.8',
          env: [
            { name: 'MARIADB_DATABASE', value: 'wordpress' },
            { name: 'MARIADB_USER', value: 'wordpress' },
          ],
          ports: [{ name: 'mysql', containerPort: 3306 }],
        },
      ],
      ...extra,
    },
  };
}

function storeNamed(name: string, kind: Store['kind'] = 'woocommerce'): Store {
  return standInStore({ name, kind, namespace, status: 'Ready', context: cluster.context });
}

const driverOf = (store: Store) => (store.kind === 'medusa' ? medusaDriver : woocommerceDriver);

function service(stores: Store[]): StoreDbService {
  return createStoreDbService({
    store: (id) => {
      const store = stores.find((s) => s.id === id);
      if (!store) throw new Error(`no store ${id}`);
      return store;
    },
    target: (store) => {
      const { kc: storeKc, core: storeCore } = createKubeClients(kube);
      return Promise.resolve({
        kc: storeKc,
        core: storeCore,
        access: driverOf(store).databaseAccess?.(store) ?? null,
        secretName: driverOf(store).workloads(store).credentialsSecret,
      });
    },
    log: (line) => logged.push(line),
  });
}

async function listening(): Promise<string[]> {
  return (await run('ss', ['-Hltnp'])).stdout
    .split('\n')
    .filter((line) => line.includes(`pid=${process.pid},`))
    .map((line) => line.trim().split(/\s+/)[3] ?? '')
    .sort();
}

async function createMariadbStore(name: string, o: { schedulable: boolean }): Promise<void> {
  const app = `${name}-mariadb`;
  await core.createNamespacedService({
    namespace,
    body: {
      metadata: { name: `${name}-mariadb` },
      spec: {
        clusterIP: 'None',
        selector: { app },
        ports: [{ name: 'mysql', port: 3306, targetPort: 'mysql' }],
      },
    },
  });
  await core.createNamespacedPod({
    namespace,
    body: dbPod(
      `${name}-mariadb-0`,
      app,
      o.schedulable ? {} : { nodeSelector: { 'storefleet.test/no-such-node': 'true' } },
    ),
  });
  await core.createNamespacedSecret({
    namespace,
    body: {
      metadata: { name: `${name}-credentials` },
      stringData: { 'mariadb-password': PASSWORD },
    },
  });
}

/** `SELECT 1` with the mysql client through 127.0.0.1:<port>; the password only in MYSQL_PWD. */
function selectOne(port: number, user: string, database: string, password: string) {
  return execa(
    'mariadb',
    [
      '--no-defaults',
      '-h',
      '127.0.0.1',
      '-P',
      String(port),
      '-u',
      user,
      '-N',
      '-e',
      'SELECT 1',
      database,
    ],
    { env: { MYSQL_PWD: password }, reject: false, timeout: 30_000 },
  );
}

beforeAll(async () => {
  kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  kc.setCurrentContext(cluster.context);
  core = kc.makeApiClient(CoreV1Api);
  await installKwokPortForwardCrd(kc);
  mariadb = await startMariadb({ database: 'wordpress', user: 'wordpress', password: PASSWORD });
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  await createMariadbStore('shop', { schedulable: true });
  await createMariadbStore('idle', { schedulable: false });
  await forwardPodPort(kc, {
    namespace,
    pod: 'shop-mariadb-0',
    podPort: 3306,
    target: { address: '127.0.0.1', port: mariadb.port },
  });
  // A Medusa store's PostgreSQL: the chart's names, Debian's PostgreSQL behind kwok.
  postgresDir = mkdtempSync(join(tmpdir(), 'sf-db-pg-'));
  postgres = await startPostgres(postgresDir);
  await core.createNamespacedService({
    namespace,
    body: {
      metadata: { name: 'med-postgres' },
      spec: {
        clusterIP: 'None',
        selector: { app: 'med-postgres' },
        ports: [{ name: 'postgres', port: 5432, targetPort: 'postgres' }],
      },
    },
  });
  await core.createNamespacedPod({
    namespace,
    body: {
      metadata: { name: 'med-postgres-0', labels: { app: 'med-postgres' } },
      spec: {
        containers: [
          {
            name: 'postgres',
            image: 'docker.io/library/postgres:17',
            env: [
              { name: 'POSTGRES_USER', value: 'medusa' },
              { name: 'POSTGRES_DB', value: 'medusa' },
            ],
            ports: [{ name: 'postgres', containerPort: 5432 }],
          },
        ],
      },
    },
  });
  await core.createNamespacedSecret({
    namespace,
    body: {
      metadata: { name: 'med-credentials' },
      stringData: { 'database-password': new URL(postgres.databaseUrl).password },
    },
  });
  await forwardPodPort(kc, {
    namespace,
    pod: 'med-postgres-0',
    podPort: 5432,
    target: { address: '127.0.0.1', port: postgres.port },
  });
  await waitFor(
    'the MariaDB pod to be Ready',
    async () => {
      const p = await core.readNamespacedPod({ name: 'shop-mariadb-0', namespace });
      return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
        ? true
        : undefined;
    },
    60_000,
    200,
  );
}, 180_000);

afterAll(async () => {
  await mariadb?.stop();
  await postgres?.stop();
  if (postgresDir) rmSync(postgresDir, { recursive: true, force: true });
  await core?.deleteNamespace({ name: namespace }).catch(() => undefined);
});

describe('Connect to database on the test cluster (pod simulated by kwok, real MariaDB behind it)', () => {
  it('opens a loopback forward the mysql client logs in through with the revealed password, and frees the port on disconnect', async () => {
    const store = storeNamed('shop');
    const db = service([store]);
    const before = await listening();
    try {
      // kwok learns of PortForward objects through a watch, up to a minute late for a new CRD.
      const connection = await waitFor(
        'kwok to forward the database pod port to MariaDB',
        async () => db.connect(store.id),
        120_000,
        500,
      );
      expect(connection).toMatchObject({
        host: '127.0.0.1',
        database: 'wordpress',
        user: 'wordpress',
        engine: 'mariadb',
      });
      expect(await listening()).toEqual([...before, `127.0.0.1:${connection.port}`].sort());
      const { password } = await db.revealPassword(store.id);
      expect(password).toBe(PASSWORD);
      const result = await selectOne(
        connection.port,
        connection.user,
        connection.database,
        password,
      );
      expect({
        exitCode: result.exitCode,
        stdout: result.stdout.trim(),
        stderr: result.stderr,
      }).toEqual({
        exitCode: 0,
        stdout: '1',
        stderr: '',
      });
      // The login is real: a wrong password is refused by MariaDB itself.
      const wrong = await selectOne(connection.port, connection.user, connection.database, 'wrong');
      expect(wrong.exitCode).not.toBe(0);
      expect(wrong.stderr).toMatch(/Access denied for user 'wordpress'/);

      await db.disconnect(store.id);
      expect(await listening()).toEqual(before);
      await expect(
        new Promise((resolve, reject) => {
          const s = connect({ host: '127.0.0.1', port: connection.port });
          s.once('connect', () => reject(new Error('the port still answers')));
          s.once('error', resolve);
        }),
      ).resolves.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await db.shutdown();
    }
    expect(logged.join('\n')).not.toContain(PASSWORD);
  });

  it("forwards a Medusa store's PostgreSQL: psql runs SELECT 1 as medusa with the revealed password", async () => {
    const store = storeNamed('med', 'medusa');
    const db = service([store]);
    try {
      const connection = await waitFor(
        'kwok to forward the PostgreSQL pod port',
        async () => db.connect(store.id),
        120_000,
        500,
      );
      expect(connection).toMatchObject({ engine: 'postgres', database: 'medusa', user: 'medusa' });
      const { password } = await db.revealPassword(store.id);
      const result = await execa(
        join(findPostgresBin(), 'psql'),
        [
          '-h',
          '127.0.0.1',
          '-p',
          String(connection.port),
          '-U',
          'medusa',
          '-d',
          'medusa',
          '-tA',
          '-c',
          'SELECT 1',
        ],
        { env: { PGPASSWORD: password }, reject: false, timeout: 30_000 },
      );
      expect({ exitCode: result.exitCode, stdout: result.stdout.trim() }).toEqual({
        exitCode: 0,
        stdout: '1',
      });
    } finally {
      await db.shutdown();
    }
  });

  it('keeps one forward per store and closes them all on shutdown', async () => {
    const store = storeNamed('shop');
    const db = service([store]);
    const before = await listening();
    const [a, b] = await Promise.all([db.connect(store.id), db.connect(store.id)]);
    expect(b.port).toBe(a.port);
    expect(await listening()).toHaveLength(before.length + 1);
    await db.shutdown();
    expect(await listening()).toEqual(before);
  });

  it('says the database is not running when its pod is not Ready', async () => {
    const store = storeNamed('idle');
    const db = service([store]);
    try {
      const p = db.connect(store.id);
      await expect(p).rejects.toMatchObject({ code: 'not-ready' });
      await expect(p).rejects.toThrow(
        `The database of idle is not running yet: no Ready pod behind its database Service ${namespace}/idle-mariadb. Try again once its pod is Ready.`,
      );
    } finally {
      await db.shutdown();
    }
  });

  it('passes on what the cluster said when the pod port is not forwarded, and leaves nothing open', async () => {
    const store = storeNamed('shop');
    const db = service([store]);
    const before = await listening();
    // The Service points the mysql port at a container port kwok does not forward.
    await core.patchNamespacedService({
      name: 'shop-mariadb',
      namespace,
      body: [{ op: 'replace', path: '/spec/ports/0/targetPort', value: 3307 }],
    });
    try {
      const p = db.connect(store.id);
      await expect(p).rejects.toMatchObject({ code: 'unavailable' });
      await expect(p).rejects.toThrow(
        new RegExp(`^The node could not forward to pod ${namespace}/shop-mariadb-0 port 3307: `),
      );
      expect(await listening()).toEqual(before);
    } finally {
      await core.patchNamespacedService({
        name: 'shop-mariadb',
        namespace,
        body: [{ op: 'replace', path: '/spec/ports/0/targetPort', value: 'mysql' }],
      });
      await db.shutdown();
    }
  });
});
