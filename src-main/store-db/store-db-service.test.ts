import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import type { CoreV1Api, KubeConfig, V1Pod, V1Service } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { standInStore } from '../../test-rig/fake-fixtures';
import type { Store } from '../../src-shared/types/store-types';
import type { DatabaseAccess } from '../store-kinds/driver';
import { woocommerceDriver } from '../store-kinds/woocommerce/driver';
import { medusaDriver } from '../store-kinds/medusa/driver';
import type { Tunnel, TunnelFailure } from '../store-kinds/http/port-forward-tunnel';
import { createStoreDbService, type StoreDbDeps, type StoreDbService } from './store-db-service';

const PASSWORD = 'db-pass-0123456789abcdefghij';
const servers: Server[] = [];
const dbSockets = new Set<Socket>();
const services: StoreDbService[] = [];

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.shutdown()));
  for (const socket of dbSockets) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A database stand-in: greets like MariaDB, or answers PostgreSQL's SSLRequest with 'N'. */
async function databaseStandIn(engine: DatabaseAccess['engine']): Promise<number> {
  const server = createServer((socket) => {
    dbSockets.add(socket);
    socket.on('close', () => dbSockets.delete(socket));
    socket.on('error', () => {});
    if (engine === 'mariadb') socket.write(Buffer.from([1, 0, 0, 0, 10]));
    else socket.once('data', () => socket.write('N'));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A tunnel stand-in: a loopback listener that pipes to `to`, or (refused) hangs up at once. */
function tunnelStandIn(
  to: () => number,
  refused?: TunnelFailure,
): {
  open: NonNullable<StoreDbDeps['openTunnel']>;
  opened: { pod: string; port: number }[];
  live: () => number;
} {
  const opened: { pod: string; port: number }[] = [];
  let live = 0;
  return {
    opened,
    live: () => live,
    open: async (_kc, o) => {
      opened.push({ pod: o.pod, port: o.port });
      const sockets = new Set<Socket>();
      const server = createServer((client) => {
        sockets.add(client);
        client.on('error', () => {});
        if (refused) {
          client.destroy();
          return;
        }
        const upstream = connect({ host: '127.0.0.1', port: to() });
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      live++;
      let closed = false;
      const tunnel: Tunnel = {
        port: (server.address() as AddressInfo).port,
        failure: () => refused ?? null,
        close: async () => {
          if (closed) return;
          closed = true;
          live--;
          for (const s of sockets) s.destroy();
          await new Promise((r) => server.close(r));
        },
      };
      return tunnel;
    },
  };
}

function pod(name: string, o: { ready?: boolean; env?: Record<string, string> } = {}): V1Pod {
  return {
    metadata: { name },
    spec: {
      containers: [
        {
          name: 'db',
          env: Object.entries(o.env ?? {}).map(([n, value]) => ({ name: n, value })),
          ports: [
            { name: 'mysql', containerPort: 3306 },
            { name: 'postgres', containerPort: 5432 },
          ],
        },
      ],
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  };
}

function service(portName: string, port: number): V1Service {
  return {
    spec: {
      clusterIP: 'None',
      selector: { app: 'db' },
      ports: [{ name: portName, port, targetPort: portName }],
    },
  };
}

function setup(o: {
  store?: Partial<Store>;
  pods?: V1Pod[];
  missingService?: boolean;
  secretData?: Record<string, string>;
  tunnel: ReturnType<typeof tunnelStandIn>;
  access?: DatabaseAccess | null;
}) {
  let store = standInStore({ name: 'shop', status: 'Ready', ...o.store });
  const driver = store.kind === 'medusa' ? medusaDriver : woocommerceDriver;
  const access = o.access === undefined ? (driver.databaseAccess?.(store) ?? null) : o.access;
  const core = {
    readNamespacedService: ({ name }: { name: string }) => {
      if (o.missingService || name !== access?.service) {
        return Promise.reject(
          Object.assign(new Error('HTTP-Code: 404'), {
            code: 404,
            body: JSON.stringify({ kind: 'Status', message: `services "${name}" not found` }),
          }),
        );
      }
      return Promise.resolve(
        access.engine === 'mariadb' ? service('mysql', 3306) : service('postgres', 5432),
      );
    },
    listNamespacedPod: () => Promise.resolve({ items: o.pods ?? [pod('shop-db-0')] }),
    readNamespacedSecret: () =>
      Promise.resolve({
        data: Object.fromEntries(
          Object.entries(o.secretData ?? { [access?.passwordKey ?? 'x']: PASSWORD }).map(
            ([k, v]) => [k, Buffer.from(v).toString('base64')],
          ),
        ),
      }),
  } as unknown as Pick<
    CoreV1Api,
    'readNamespacedService' | 'listNamespacedPod' | 'readNamespacedSecret'
  >;
  const logged: string[] = [];
  const svc = createStoreDbService({
    store: () => store,
    target: () =>
      Promise.resolve({
        kc: {} as KubeConfig,
        core,
        access,
        secretName: `${store.name}-credentials`,
      }),
    openTunnel: o.tunnel.open,
    probeTimeoutMs: 2_000,
    log: (line) => logged.push(line),
  });
  services.push(svc);
  return {
    svc,
    logged,
    store: () => store,
    setStatus: (status: Store['status']) => {
      store = { ...store, status };
      svc.storeUpdated(store);
    },
  };
}

describe('store database forward', () => {
  it('forwards a loopback port to the MariaDB pod, names its database and user, and reaches the database through it', async () => {
    const db = await databaseStandIn('mariadb');
    const tunnel = tunnelStandIn(() => db);
    const { svc, store } = setup({ tunnel });
    const connection = await svc.connect(store().id);
    expect(connection).toEqual({
      storeId: store().id,
      engine: 'mariadb',
      host: '127.0.0.1',
      port: expect.any(Number) as number,
      database: 'wordpress',
      user: 'wordpress',
    });
    expect(tunnel.opened).toEqual([{ pod: 'shop-db-0', port: 3306 }]);
    const greeting = await new Promise<Buffer>((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port: connection.port });
      s.once('data', (d: Buffer) => {
        s.destroy();
        resolve(d);
      });
      s.once('error', reject);
    });
    expect(greeting.readUInt8(4)).toBe(10);
  });

  it("reads the database and user a pod's environment sets, over the chart's defaults", async () => {
    const db = await databaseStandIn('mariadb');
    const { svc, store } = setup({
      tunnel: tunnelStandIn(() => db),
      pods: [pod('shop-db-0', { env: { MARIADB_DATABASE: 'shopdb', MARIADB_USER: 'shopper' } })],
    });
    await expect(svc.connect(store().id)).resolves.toMatchObject({
      database: 'shopdb',
      user: 'shopper',
    });
  });

  it("forwards to a Medusa store's PostgreSQL (answering its SSLRequest) as database and user medusa", async () => {
    const db = await databaseStandIn('postgres');
    const tunnel = tunnelStandIn(() => db);
    const { svc, store } = setup({ tunnel, store: { kind: 'medusa' } });
    await expect(svc.connect(store().id)).resolves.toMatchObject({
      engine: 'postgres',
      database: 'medusa',
      user: 'medusa',
    });
    expect(tunnel.opened).toEqual([{ pod: 'shop-db-0', port: 5432 }]);
  });

  it('keeps one forward per store: a second connect, even a concurrent one, returns the same port', async () => {
    const db = await databaseStandIn('mariadb');
    const tunnel = tunnelStandIn(() => db);
    const { svc, store } = setup({ tunnel });
    const [a, b] = await Promise.all([svc.connect(store().id), svc.connect(store().id)]);
    const c = await svc.connect(store().id);
    expect(b.port).toBe(a.port);
    expect(c.port).toBe(a.port);
    expect(tunnel.opened).toHaveLength(1);
    expect(svc.open()).toHaveLength(1);
  });

  it('frees the port on disconnect, and the next connect opens a new forward', async () => {
    const db = await databaseStandIn('mariadb');
    const tunnel = tunnelStandIn(() => db);
    const { svc, store } = setup({ tunnel });
    const { port } = await svc.connect(store().id);
    await svc.disconnect(store().id);
    expect(tunnel.live()).toBe(0);
    expect(svc.open()).toEqual([]);
    await expect(
      new Promise((resolve, reject) => {
        const s = connect({ host: '127.0.0.1', port });
        s.once('connect', () => reject(new Error('still listening')));
        s.once('error', resolve);
      }),
    ).resolves.toMatchObject({ code: 'ECONNREFUSED' });
    await svc.connect(store().id);
    expect(tunnel.opened).toHaveLength(2);
  });

  it('closes the forward when the store leaves Ready, and every forward on shutdown', async () => {
    const db = await databaseStandIn('mariadb');
    const tunnel = tunnelStandIn(() => db);
    const { svc, store, setStatus } = setup({ tunnel });
    await svc.connect(store().id);
    setStatus('Stopped');
    await expect.poll(() => tunnel.live()).toBe(0);
    setStatus('Ready');
    await svc.connect(store().id);
    expect(tunnel.live()).toBe(1);
    await svc.shutdown();
    expect(tunnel.live()).toBe(0);
    await expect(svc.connect(store().id)).rejects.toThrow('Storefleet is closing.');
  });

  it('closes a forward its page stopped asking for', async () => {
    const db = await databaseStandIn('mariadb');
    const tunnel = tunnelStandIn(() => db);
    const store = standInStore({ name: 'shop', status: 'Ready' });
    const svc = createStoreDbService({
      store: () => store,
      target: () =>
        Promise.resolve({
          kc: {} as KubeConfig,
          core: {
            readNamespacedService: () => Promise.resolve(service('mysql', 3306)),
            listNamespacedPod: () => Promise.resolve({ items: [pod('shop-mariadb-0')] }),
          } as unknown as Pick<
            CoreV1Api,
            'readNamespacedService' | 'listNamespacedPod' | 'readNamespacedSecret'
          >,
          access: woocommerceDriver.databaseAccess?.(store) ?? null,
          secretName: 'shop-credentials',
        }),
      openTunnel: tunnel.open,
      leaseMs: 200,
    });
    services.push(svc);
    await svc.connect(store.id);
    await expect.poll(() => tunnel.live(), { timeout: 2_000 }).toBe(0);
  });

  it('refuses a store that is not Ready, with a sentence, and opens nothing', async () => {
    const tunnel = tunnelStandIn(() => 1);
    const { svc, store } = setup({ tunnel, store: { status: 'Provisioning' } });
    await expect(svc.connect(store().id)).rejects.toMatchObject({
      code: 'not-ready',
      message: 'The database of shop is available once the store is Ready (it is Provisioning).',
    });
    await expect(svc.revealPassword(store().id)).rejects.toMatchObject({ code: 'not-ready' });
    expect(tunnel.opened).toEqual([]);
  });

  it('says the database pod is not running when no pod behind its Service is Ready', async () => {
    const tunnel = tunnelStandIn(() => 1);
    const { svc, store } = setup({ tunnel, pods: [pod('shop-mariadb-0', { ready: false })] });
    const p = svc.connect(store().id);
    await expect(p).rejects.toMatchObject({ code: 'not-ready' });
    await expect(p).rejects.toThrow(
      /^The database of shop is not running yet: no Ready pod behind its database Service .*\/shop-mariadb\. Try again once its pod is Ready\.$/,
    );
    expect(tunnel.opened).toEqual([]);
  });

  it('names a database Service that is missing', async () => {
    const { svc, store } = setup({ tunnel: tunnelStandIn(() => 1), missingService: true });
    await expect(svc.connect(store().id)).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(
        /^The database Service .*\/shop-mariadb of shop does not exist\.$/,
      ) as string,
    });
  });

  it("passes on the cluster's refusal of the port-forward and frees the port", async () => {
    const refusal: TunnelFailure = {
      message:
        'The cluster refused the port-forward to pod ns/shop-mariadb-0 port 3306: pods "shop-mariadb-0" is forbidden (the kubeconfig user needs "create" on pods/portforward in that namespace)',
      status: 403,
      code: 'Forbidden',
    };
    const tunnel = tunnelStandIn(() => 1, refusal);
    const { svc, store } = setup({ tunnel });
    await expect(svc.connect(store().id)).rejects.toMatchObject({
      code: 'forbidden',
      message: refusal.message,
    });
    expect(tunnel.live()).toBe(0);
    expect(svc.open()).toEqual([]);
  });

  it('says when nothing answers through the forward', async () => {
    const closedPort = await databaseStandIn('mariadb');
    await new Promise((r) => servers.pop()?.close(r));
    const tunnel = tunnelStandIn(() => closedPort);
    const { svc, store } = setup({ tunnel });
    await expect(svc.connect(store().id)).rejects.toMatchObject({
      code: 'unavailable',
      message: 'The database of shop closed the port-forward without answering.',
    });
    expect(tunnel.live()).toBe(0);
  });

  it("reveals the database password from the store's Secret and never logs it", async () => {
    const db = await databaseStandIn('mariadb');
    const { svc, store, logged } = setup({ tunnel: tunnelStandIn(() => db) });
    await svc.connect(store().id);
    await expect(svc.revealPassword(store().id)).resolves.toEqual({ password: PASSWORD });
    await svc.disconnect(store().id);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(PASSWORD);
  });

  it('says when the Secret holds no database password', async () => {
    const { svc, store } = setup({
      tunnel: tunnelStandIn(() => 1),
      secretData: { 'admin-password': PASSWORD },
    });
    const p = svc.revealPassword(store().id);
    await expect(p).rejects.toMatchObject({
      code: 'not-found',
      message: 'The credentials Secret shop-credentials of shop holds no database password.',
    });
    await expect(p).rejects.not.toThrow(PASSWORD);
  });

  it('refuses a kind without a database', async () => {
    const { svc, store } = setup({ tunnel: tunnelStandIn(() => 1), access: null });
    await expect(svc.connect(store().id)).rejects.toMatchObject({ code: 'unavailable' });
  });
});
