// Worker-scoped fixture: the real app (serve host child process + real engine) on the real test
// cluster, with storefronts answered by the LOCAL STAND-IN of the WooCommerce Store API.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import {
  startStoreApiStandIn,
  type StoreApiStandIn,
} from '../../test-rig/stand-ins/woocommerce/store-api-stand-in';
import { openDatabase } from '../../src-main/db/database';
import { SettingsRepository } from '../../src-main/db/settings-repository';
import { startServeProcess, type ServeProcess } from './serve-process';
import { startE2eCluster, type E2eCluster } from './test-cluster';

export interface Fleet {
  cluster: E2eCluster;
  /** a second context in KUBECONFIG, on a port nothing listens on, to switch away to */
  otherContext: string;
  standIn: StoreApiStandIn;
  serve: ServeProcess;
  /** names of the namespaces Storefleet manages on the test cluster */
  managedNamespaces(): Promise<string[]>;
  namespaceExists(name: string): Promise<boolean>;
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

export const test = base.extend<{ app: Page }, { fleet: Fleet }>({
  fleet: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const cluster = await startE2eCluster(log);
      const standIn = await startStoreApiStandIn();
      const dataDir = await mkdtemp(join(tmpdir(), 'storefleet-e2e-'));
      const otherKubeconfig = join(dataDir, 'elsewhere.kubeconfig.yaml');
      await writeFile(otherKubeconfig, elsewhereKubeconfig(), { mode: 0o600 });
      const kc = new KubeConfig();
      kc.loadFromFile(cluster.kubeconfigPath);
      const core = kc.makeApiClient(CoreV1Api);
      // The specs share one host and create a dozen stores within a minute: its data folder
      // allows the settings' highest creation rate, so no spec meets another's limit.
      const db = openDatabase(join(dataDir, 'storefleet.db'));
      new SettingsRepository(db).update({ maxCreatesPerMinute: 60 });
      db.close();
      let serve: ServeProcess | undefined;
      try {
        serve = await startServeProcess({
          kubeconfig: `${cluster.kubeconfigPath}${delimiter}${otherKubeconfig}`,
          dataDir,
          storefrontPort: standIn.port,
          binDir: cluster.binDir,
        });
        await use({
          cluster,
          otherContext: OTHER_CONTEXT,
          standIn,
          serve,
          managedNamespaces: async () =>
            (
              await core.listNamespace({ labelSelector: 'app.kubernetes.io/managed-by=storefleet' })
            ).items
              .map((ns) => ns.metadata?.name ?? '')
              .sort(),
          namespaceExists: async (name) =>
            core.readNamespace({ name }).then(
              () => true,
              () => false,
            ),
        });
      } finally {
        // stop() rejects when the host outlives SIGTERM: a leaked host fails the run.
        try {
          await serve?.stop();
        } finally {
          await standIn.close();
          await cluster.stop();
          await rm(dataDir, { recursive: true, force: true });
        }
      }
    },
    { scope: 'worker', timeout: 240_000 },
  ],
  app: async ({ fleet, page }, use) => {
    await page.goto(fleet.serve.url);
    const switcher = page.getByTestId('context-switcher');
    await expect(switcher).not.toContainText('No contexts found');
    // The selection is the host's setting; a spec that failed after switching away must not
    // leave the next one on the wrong cluster.
    if (!((await switcher.textContent()) ?? '').includes(fleet.cluster.context)) {
      await switcher.click();
      await page.getByTestId(`context-option-${fleet.cluster.context}`).click();
    }
    await expect(switcher).toContainText(fleet.cluster.context);
    await use(page);
    // Playwright writes an accessibility snapshot of a failed test's page to test-results; a
    // revealed password must not be in it.
    if ((await page.getByTestId('credentials').count()) > 0) await page.goto('about:blank');
  },
});

export { expect };

const OTHER_CONTEXT = 'e2e-elsewhere';

function elsewhereKubeconfig(): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: OTHER_CONTEXT, cluster: { server: 'https://127.0.0.1:9' } }],
    users: [{ name: OTHER_CONTEXT, user: { token: 'not-a-real-cluster' } }],
    contexts: [{ name: OTHER_CONTEXT, context: { cluster: OTHER_CONTEXT, user: OTHER_CONTEXT } }],
  });
}

/** Unique per run: every spec shares the one cluster. */
export function uniqueStoreName(prefix: string): string {
  return `${prefix}-${Math.random().toString(16).slice(2, 8)}`;
}
