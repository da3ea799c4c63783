// Runs the bootstrap Job's real script under bash. WordPress, wp-cli and PHP cannot run here,
// so `wp` and `php` are stand-ins on PATH that keep a little state in a temp dir and log their
// arguments; everything else is the production script.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHART_DIR } from './render';

const WP_STAND_IN = `#!/bin/bash
# wp-cli stand-in: just enough state for the bootstrap script's decisions.
set -u
s="$WP_STANDIN_STATE"
printf '%s\\n' "$*" >> "$s/calls.log"
if [ -n "\${WP_STANDIN_FAIL:-}" ] && [[ "$*" == *"$WP_STANDIN_FAIL"* ]]; then
  echo "Error: stand-in failure for: $WP_STANDIN_FAIL" >&2
  exit 1
fi
a=()
for x in "$@"; do case "$x" in --path=*|--no-color|--format=*) ;; *) a+=("$x") ;; esac; done
case "\${a[0]} \${a[1]:-}" in
  "core is-installed") [ -f "$s/installed" ] ;;
  "core install") cat > "$s/admin-password"; touch "$s/installed"; echo "Success: installed" ;;
  "plugin is-installed") [ -f "$s/plugin-version" ] ;;
  "plugin get") cat "$s/plugin-version" ;;
  "plugin install")
    for x in "$@"; do [[ "$x" == --version=* ]] && printf '%s' "\${x#--version=}" > "$s/plugin-version"; done
    echo "Plugin installed." ;;
  "plugin is-active") [ -f "$s/plugin-active" ] ;;
  "plugin activate") touch "$s/plugin-active"; echo "Plugin activated." ;;
  "option update") mkdir -p "$s/options"; printf '%s' "\${a[3]}" > "$s/options/\${a[2]}" ;;
  "eval-file "*)
    if [ -f "$s/product" ]; then echo "demo product exists"; else touch "$s/product"; echo "created demo product"; fi ;;
  "rewrite structure") printf '%s' "\${a[2]}" > "$s/permalinks" ;;
  *) echo "stand-in does not know: $*" >&2; exit 2 ;;
esac
`;

const PHP_STAND_IN = `#!/bin/bash
# php stand-in for the database probe: the database is "up" once the state dir says so.
[ -f "$WP_STANDIN_STATE/database-up" ]
`;

let dir = '';
let state = '';
let bin = '';
const adminPassword = randomBytes(18).toString('base64url');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-bootstrap-'));
  state = join(dir, 'state');
  bin = join(dir, 'bin');
  await mkdir(state);
  await mkdir(bin);
  await writeFile(join(bin, 'wp'), WP_STAND_IN);
  await writeFile(join(bin, 'php'), PHP_STAND_IN);
  await chmod(join(bin, 'wp'), 0o755);
  await chmod(join(bin, 'php'), 0o755);
  await writeFile(join(state, 'database-up'), '');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
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
      PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
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

const calls = async (): Promise<string> => readFile(join(state, 'calls.log'), 'utf8');
const option = async (name: string): Promise<string> =>
  readFile(join(state, 'options', name), 'utf8');

describe('bootstrap script (WordPress stand-in)', () => {
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
    expect(await option('woocommerce_task_list_hidden')).toBe('yes');
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
    expect(again.output).toContain('demo product exists');
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
