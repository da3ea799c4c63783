// Runs the bootstrap Job's real script under bash. WordPress, wp-cli and PHP cannot run here,
// so `wp` and `php` are stand-ins on PATH (wp-stand-in.ts); everything else is the production
// script.
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHART_DIR } from './render';
import { WP_DB_VERSION, createWpStandIn, type WpStandIn } from './wp-stand-in';

let wp: WpStandIn;
let state = '';
const adminPassword = randomBytes(18).toString('base64url');

beforeEach(async () => {
  wp = await createWpStandIn();
  state = wp.state;
  await writeFile(join(state, 'database-up'), '');
});

afterEach(async () => {
  await wp.remove();
});

async function runBootstrap(
  env: Record<string, string> = {},
): Promise<{ exitCode: number; output: string }> {
  const result = await execa('bash', [join(CHART_DIR, 'files/bootstrap.sh')], {
    reject: false,
    all: true,
    timeout: 30_000,
    extendEnv: false,
    env: {
      PATH: wp.path,
      WP_STANDIN_STATE: state,
      SCRIPTS_DIR: join(CHART_DIR, 'files'),
      WORDPRESS_DB_HOST: 'shop1-mariadb',
      WORDPRESS_DB_USER: 'wordpress',
      WORDPRESS_DB_NAME: 'wordpress',
      WORDPRESS_DB_PASSWORD: randomBytes(18).toString('base64url'),
      WORDPRESS_ADMIN_USER: 'admin',
      WORDPRESS_ADMIN_PASSWORD: adminPassword,
      WORDPRESS_ADMIN_EMAIL: 'admin@example.com',
      SITE_URL: 'http://shop1.localhost',
      SITE_TITLE: 'shop1',
      WOOCOMMERCE_VERSION: '10.2.4',
      DEMO_PRODUCT_SKU: 'storefleet-demo',
      DEMO_PRODUCT_NAME: 'Storefleet demo product',
      DEMO_PRODUCT_PRICE: '10.00',
      DATABASE_WAIT_SECONDS: '30',
      ...env,
    },
  });
  return { exitCode: result.exitCode ?? -1, output: result.all ?? '' };
}

const calls = async (): Promise<string> => wp.calls();
const option = async (name: string): Promise<string> => wp.option(name);

describe('bootstrap script (wp-cli stand-in)', () => {
  it('logs each step, installs everything and configures the store on a fresh site', async () => {
    const { exitCode, output } = await runBootstrap();
    expect(exitCode).toBe(0);
    const steps = output.split('\n').filter((line) => line.startsWith('step: '));
    expect(steps).toEqual(
      [
        'check-environment',
        'wait-for-database',
        'install-wordpress',
        'install-woocommerce',
        'activate-woocommerce',
        'update-wordpress-database',
        'update-woocommerce-database',
        'store-settings',
        'cash-on-delivery',
        'demo-product',
        'permalinks',
        'done',
      ].map((step) => `step: ${step}`),
    );
    expect(output).toContain('bootstrap complete');
    const received = await readFile(join(state, 'admin-password'), 'utf8');
    expect(received === `${adminPassword}\n`, 'admin password arrives on stdin').toBe(true);
    expect(await calls()).toMatch(
      /core install .*--admin_user=admin .*--skip-email --prompt=admin_password/,
    );
    expect(await readFile(join(state, 'plugin-version'), 'utf8')).toBe('10.2.4');
    expect(await option('woocommerce_coming_soon')).toBe('no');
    expect(JSON.parse(await option('woocommerce_task_list_hidden_lists'))).toEqual([
      'setup',
      'extended',
    ]);
    expect(await readFile(join(state, 'wc-db-version'), 'utf8')).toBe('10.2.4');
    expect(JSON.parse(await option('woocommerce_cod_settings'))).toMatchObject({
      enabled: 'yes',
      enable_for_virtual: 'yes',
      enable_for_methods: [],
    });
    expect(await readFile(join(state, 'permalinks'), 'utf8')).toBe('/%postname%/');
  });

  it('never puts the admin password on a command line or in its output', async () => {
    const { output } = await runBootstrap();
    expect(output.includes(adminPassword), 'password in output').toBe(false);
    expect((await calls()).includes(adminPassword), 'password in arguments').toBe(false);
  });

  it('changes nothing that is already in place when run again', async () => {
    expect((await runBootstrap()).exitCode).toBe(0);
    await writeFile(join(state, 'calls.log'), '');
    const again = await runBootstrap();
    expect(again.exitCode).toBe(0);
    const log = await calls();
    expect(log).not.toMatch(/core install|plugin install|plugin activate/);
    expect(again.output).toContain('WordPress is already installed');
    expect(again.output).toContain(`already at latest db version ${WP_DB_VERSION}`);
    expect(again.output).toContain('No updates required. Database version is 10.2.4');
    expect(again.output).toContain(
      "Value passed for 'woocommerce_task_list_hidden_lists' option is unchanged",
    );
    expect(again.output).toContain('demo product exists');
  });

  it('hides the task lists through the option WooCommerce 10.2 accepts, not the deprecated ones', async () => {
    expect((await runBootstrap()).exitCode).toBe(0);
    const log = await calls();
    expect(log).toContain(
      'option update woocommerce_task_list_hidden_lists ["setup","extended"] --format=json',
    );
    expect(log).not.toMatch(/option update woocommerce_(extended_)?task_list_hidden /);
  });

  it('updates the WordPress and WooCommerce databases after an image bump and a WooCommerce upgrade', async () => {
    expect((await runBootstrap()).exitCode).toBe(0);
    await writeFile(join(state, 'calls.log'), '');
    const upgraded = await runBootstrap({
      WOOCOMMERCE_VERSION: '10.3.0',
      WP_STANDIN_CORE_DB_VERSION: '60717',
    });
    expect(upgraded.exitCode).toBe(0);
    expect(upgraded.output).toContain(
      `WordPress database upgraded successfully from db version ${WP_DB_VERSION} to 60717`,
    );
    expect(upgraded.output).toContain('Database version is 10.3.0');
    expect(await readFile(join(state, 'wc-db-version'), 'utf8')).toBe('10.3.0');
    // WooCommerce's update runs on the new code, once it is installed and active.
    const log = (await calls()).split('\n');
    const at = (pattern: RegExp): number => log.findIndex((line) => pattern.test(line));
    expect(at(/ plugin install woocommerce --version=10\.3\.0/)).toBeGreaterThanOrEqual(0);
    expect(at(/ core update-db/)).toBeGreaterThan(at(/ plugin is-active woocommerce/));
    expect(at(/ wc update/)).toBeGreaterThan(at(/ plugin install woocommerce/));
    expect(at(/ wc update/)).toBeGreaterThan(at(/ core update-db/));
  });

  it.each(['0.00', '0', '-1.00', '000.00'])(
    'refuses the demo product price %j before changing anything',
    async (price) => {
      const { exitCode, output } = await runBootstrap({ DEMO_PRODUCT_PRICE: price });
      expect(exitCode).not.toBe(0);
      expect(output).toContain('DEMO_PRODUCT_PRICE must be a price of at least 0.01');
      expect(output).toContain('failed at step: check-environment');
      expect(await calls()).toBe('');
    },
  );

  it('accepts the smallest price, 0.01', async () => {
    expect((await runBootstrap({ DEMO_PRODUCT_PRICE: '0.01' })).exitCode).toBe(0);
  });

  it('installs the pinned WooCommerce version over another one', async () => {
    expect((await runBootstrap()).exitCode).toBe(0);
    expect((await runBootstrap({ WOOCOMMERCE_VERSION: '10.3.0' })).exitCode).toBe(0);
    expect(await calls()).toMatch(/plugin install woocommerce --version=10\.3\.0 --force/);
    expect(await readFile(join(state, 'plugin-version'), 'utf8')).toBe('10.3.0');
  });

  it('names the step that failed', async () => {
    const { exitCode, output } = await runBootstrap({ WP_STANDIN_FAIL: 'plugin install' });
    expect(exitCode).not.toBe(0);
    expect(output).toContain('failed at step: install-woocommerce');
    expect(output).not.toContain('bootstrap complete');
  });

  it('gives up on a database that never answers, naming it', async () => {
    await rm(join(state, 'database-up'));
    const { exitCode, output } = await runBootstrap({ DATABASE_WAIT_SECONDS: '1' });
    expect(exitCode).not.toBe(0);
    expect(output).toContain('database shop1-mariadb not reachable after 1s');
    expect(output).toContain('failed at step: wait-for-database');
  });

  it('refuses to start without a required setting', async () => {
    const { exitCode, output } = await runBootstrap({ WORDPRESS_ADMIN_PASSWORD: '' });
    expect(exitCode).not.toBe(0);
    expect(output).toContain('missing environment variable WORDPRESS_ADMIN_PASSWORD');
    expect(output).toContain('failed at step: check-environment');
  });
});
