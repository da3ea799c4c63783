// "Connect to database" in Chromium over the browser transport, against the real engine and
// chart on the test cluster: kwok simulates the store's MariaDB pod and forwards its port 3306 to
// Debian's mariadbd on this machine, set up with the user and password the chart put in the
// store's Secret. The mysql client logs in through the loopback port the page shows, with the
// password the page reveals; closing the store page closes the forward.
import { connect } from 'node:net';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { execa } from 'execa';
import { forwardPodPort } from '../../test-rig/cluster/kwok-port-forward';
import { startMariadb, type RealMariadb } from '../../test-rig/mariadb/mariadb-server';
import { expect, test, uniqueStoreName } from '../support/fleet';
import { THEMES, expectNoAxeViolations, useTheme } from '../support/axe';
import { createStore, screenshot } from '../support/ui';

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

test.describe('Connect to database (real engine and chart; MariaDB: Debian mariadbd behind kwok)', () => {
  let mariadb: RealMariadb | undefined;
  test.afterAll(async () => {
    await mariadb?.stop();
  });

  test('forwards the store’s MariaDB to a loopback port the mysql client logs in through, until the page closes', async ({
    app,
    fleet,
  }) => {
    test.setTimeout(240_000);
    const name = uniqueStoreName('e2e-db');
    fleet.standIn.addStore(`${name}.localhost`);
    await createStore(app, name);
    await app.getByTestId(`store-row-${name}`).getByRole('button', { name, exact: true }).click();
    await expect(app.getByTestId('store-page')).toHaveAttribute('aria-label', `Store ${name}`);
    await expect(app.getByTestId(`store-status-${name}`)).toHaveAttribute('data-status', 'Ready', {
      timeout: 180_000,
    });

    // The database the chart's pod would run: its user and password from the store's Secret.
    const kc = new KubeConfig();
    kc.loadFromFile(fleet.cluster.kubeconfigPath);
    kc.setCurrentContext(fleet.cluster.context);
    const core = kc.makeApiClient(CoreV1Api);
    const namespaces = await fleet.managedNamespaces();
    const namespace = namespaces.find((ns) => ns.endsWith(name)) ?? name;
    const secret = await core.readNamespacedSecret({ name: `${name}-credentials`, namespace });
    const secretPassword = Buffer.from(secret.data?.['mariadb-password'] ?? '', 'base64').toString(
      'utf8',
    );
    expect(secretPassword.length).toBeGreaterThanOrEqual(24);
    mariadb = await startMariadb({
      database: 'wordpress',
      user: 'wordpress',
      password: secretPassword,
    });
    await forwardPodPort(kc, {
      namespace,
      pod: `${name}-mariadb-0`,
      podPort: 3306,
      target: { address: '127.0.0.1', port: mariadb.port },
    });

    // kwok picks the forward up through a watch: until then the page says the database did not answer.
    await expect(async () => {
      if ((await app.getByTestId('connect-database').count()) > 0) {
        await app.getByTestId('connect-database').click();
      }
      await expect(app.getByTestId('database-port')).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 90_000 });
    await expect(app.getByTestId('database-host')).toHaveText('127.0.0.1');
    await expect(app.getByTestId('database-database')).toHaveText('wordpress');
    await expect(app.getByTestId('database-user')).toHaveText('wordpress');
    const port = Number(await app.getByTestId('database-port').textContent());
    expect(port).toBeGreaterThan(0);
    await expect(app.getByTestId('database-password')).not.toContainText(secretPassword);
    await screenshot(app, 'store-db-connected');
    for (const theme of THEMES) {
      await useTheme(app, theme);
      await expectNoAxeViolations(app, `store-db-connected (${theme})`);
    }

    await app.getByTestId('reveal-database-password').click();
    await expect(app.getByTestId('database-password')).toHaveText(secretPassword);
    const shown = (await app.getByTestId('database-password').textContent()) ?? '';
    await app.getByTestId('hide-database-password').click();
    await expect(app.getByTestId('database-password')).not.toContainText(secretPassword);

    // The password reaches the client through MYSQL_PWD, never its command line.
    const result = await execa(
      'mariadb',
      [
        '--no-defaults',
        '-h',
        '127.0.0.1',
        '-P',
        String(port),
        '-u',
        'wordpress',
        '-N',
        '-e',
        'SELECT 1',
        'wordpress',
      ],
      { env: { MYSQL_PWD: shown }, reject: false, timeout: 30_000 },
    );
    expect({ exitCode: result.exitCode, stdout: result.stdout.trim() }).toEqual({
      exitCode: 0,
      stdout: '1',
    });
    expect(fleet.serve.stdout.lines.join('\n')).not.toContain(secretPassword);
    expect(fleet.serve.stderr.lines.join('\n')).not.toContain(secretPassword);

    // The forward belongs to the page, not its tab: the Logs tab keeps it open.
    await app.getByTestId('store-tab-logs').click();
    await app.getByTestId('store-tab-overview').click();
    await expect(app.getByTestId('database-port')).toHaveText(String(port));
    expect(await refused(port)).toBe(false);

    // Closing the store page closes the forward and frees its port.
    await app.getByRole('button', { name: 'Close store page' }).click();
    await expect(app.getByTestId('store-page')).toBeHidden();
    await expect.poll(() => refused(port), { timeout: 15_000 }).toBe(true);
  });
});
