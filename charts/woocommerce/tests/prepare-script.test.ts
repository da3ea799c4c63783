// Runs the init container's real script with GNU tar on temporary directories laid out as in
// the pod: the image's WordPress as the source, an emptyDir as the target, and the wp-content
// volume inside it. When the tests run as root, the script runs as uid 33 (www-data
// of the Debian-based image) into root-owned directories writable to it, as in the pod.
import {
  chmod,
  chown,
  mkdir,
  mkdtemp,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHART_DIR } from './render';

const WWW_DATA = 33;
const asRoot = process.getuid?.() === 0;

let dir = '';
let source = '';
let volume = '';

async function put(root: string, path: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

async function chownTree(path: string, uid: number): Promise<void> {
  await execa('chown', ['-R', `${uid}:${uid}`, path]);
}

/**
 * A fresh emptyDir (mode 0777) with the wp-content volume at wp-content. The volume is one
 * directory moved from pod to pod, so what is on it keeps its contents, owner and times.
 */
async function podWithVolume(name: string): Promise<string> {
  const html = join(dir, name);
  await mkdir(html);
  await chmod(html, 0o777);
  await rename(volume, join(html, 'wp-content'));
  volume = join(html, 'wp-content');
  return html;
}

async function runPrepare(
  env: Record<string, string>,
): Promise<{ exitCode: number; output: string }> {
  const script = join(CHART_DIR, 'files/prepare.sh');
  const [command, args] = asRoot
    ? ['setpriv', [`--reuid=${WWW_DATA}`, `--regid=${WWW_DATA}`, '--clear-groups', 'bash', script]]
    : ['bash', [script]];
  const result = await execa(command, args, {
    reject: false,
    all: true,
    timeout: 30_000,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  });
  return { exitCode: result.exitCode ?? -1, output: result.all ?? '' };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-prepare-'));
  await chmod(dir, 0o755);
  source = join(dir, 'usr-src-wordpress');
  await put(source, 'index.php', '<?php // front controller');
  await put(source, 'wp-includes/version.php', "<?php\n$wp_version = '6.8.3';\n");
  await put(source, 'wp-config-docker.php', "<?php // reads getenv_docker('WORDPRESS_DB_HOST')");
  await put(source, 'wp-content/index.php', '<?php // Silence is golden.');
  await put(source, 'wp-content/themes/twentytwentyfive/style.css', '/* bundled theme */');
  if (asRoot) await chownTree(source, WWW_DATA);
  // The volume: root-owned, group www-data and setgid (fsGroup 33), empty at first.
  volume = join(dir, 'volume');
  await mkdir(volume);
  if (asRoot) await chown(volume, 0, WWW_DATA);
  await chmod(volume, 0o2775);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function prepareInPod(
  name: string,
): Promise<{ html: string; exitCode: number; output: string }> {
  const html = await podWithVolume(name);
  const result = await runPrepare({ WORDPRESS_SOURCE_DIR: source, WORDPRESS_TARGET_DIR: html });
  return { html, ...result };
}

describe('prepare script (GNU tar, real files)', () => {
  it('copies WordPress core and the config on the first run and prints the version', async () => {
    const { html, exitCode, output } = await prepareInPod('html-1');
    expect(output).not.toContain('failed at step');
    expect(exitCode).toBe(0);
    expect(output).toContain('step: prepare-files');
    expect(output).toContain('prepared WordPress 6.8.3');
    expect(await readFile(join(html, 'index.php'), 'utf8')).toBe('<?php // front controller');
    expect(await readFile(join(html, 'wp-config.php'), 'utf8')).toBe(
      await readFile(join(source, 'wp-config-docker.php'), 'utf8'),
    );
    // Bundled themes reach the volume.
    expect(await readFile(join(volume, 'themes/twentytwentyfive/style.css'), 'utf8')).toBe(
      '/* bundled theme */',
    );
  });

  it('leaves what is already on the volume untouched on a later run', async () => {
    expect((await prepareInPod('html-1')).exitCode).toBe(0);
    // What the store gained since: an installed plugin, an edit to a bundled theme.
    await put(volume, 'plugins/woocommerce/woocommerce.php', '<?php // WooCommerce 10.2.4');
    await writeFile(join(volume, 'themes/twentytwentyfive/style.css'), '/* edited by the owner */');
    if (asRoot) await chownTree(join(volume, 'plugins'), WWW_DATA);
    const pluginBefore = await stat(join(volume, 'plugins/woocommerce/woocommerce.php'));

    const again = await prepareInPod('html-2');
    expect(again.output).not.toContain('failed at step');
    expect(again.exitCode).toBe(0);
    expect(again.output).toContain('prepared WordPress 6.8.3');
    const plugin = join(volume, 'plugins/woocommerce/woocommerce.php');
    expect(await readFile(plugin, 'utf8')).toBe('<?php // WooCommerce 10.2.4');
    expect((await stat(plugin)).mtimeMs).toBe(pluginBefore.mtimeMs);
    expect(await readFile(join(volume, 'themes/twentytwentyfive/style.css'), 'utf8')).toBe(
      '/* edited by the owner */',
    );
    expect(await readFile(join(again.html, 'wp-includes/version.php'), 'utf8')).toContain('6.8.3');
  });

  it('reads the image paths by default and names its step when it fails', async () => {
    const { exitCode, output } = await runPrepare({
      WORDPRESS_SOURCE_DIR: join(dir, 'missing'),
      WORDPRESS_TARGET_DIR: join(dir, 'html'),
    });
    expect(exitCode).not.toBe(0);
    expect(output).toContain('failed at step: prepare-files');
    const script = await readFile(join(CHART_DIR, 'files/prepare.sh'), 'utf8');
    expect(script).toContain('${WORDPRESS_SOURCE_DIR:-/usr/src/wordpress}');
    expect(script).toContain('${WORDPRESS_TARGET_DIR:-/var/www/html}');
  });
});
