#!/usr/bin/env node
// Fetches (or builds) better-sqlite3's native addon for the installed Electron's ABI into
// .native/, leaving node_modules' Node build untouched so `npm test` keeps working.
// The Electron main process loads it through better-sqlite3's `nativeBinding` option.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
const electronPkg = join(root, 'node_modules', 'electron', 'package.json');
if (!existsSync(electronPkg)) {
  console.error('[native] Electron is not installed. Run `npm install` first.');
  process.exit(1);
}
const electronVersion = readJson(electronPkg).version;
const target = join(
  root,
  '.native',
  `electron-${electronVersion}-${process.platform}-${process.arch}`,
);
const addon = join(target, 'better_sqlite3.node');
if (existsSync(addon)) process.exit(0);

const source = join(root, 'node_modules', 'better-sqlite3');
const work = mkdtempSync(join(tmpdir(), 'storefleet-native-'));
try {
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps']) {
    cpSync(join(source, entry), join(work, entry), { recursive: true });
  }
  console.log(`[native] better-sqlite3 for Electron ${electronVersion} (${process.arch})`);
  const prebuilt = join(root, 'node_modules', '.bin', 'prebuild-install');
  const run = (cmd, args) =>
    spawnSync(cmd, args, { cwd: work, stdio: 'inherit', env: process.env }).status === 0;
  const ok =
    run(prebuilt, ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch]) ||
    run('npx', [
      '--yes',
      'node-gyp',
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ]);
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!ok || !existsSync(built)) {
    console.error(
      '[native] Could not fetch or build better-sqlite3 for Electron. A prebuilt download needs ' +
        'internet access; building needs python3, make and a C++ compiler.',
    );
    process.exit(1);
  }
  mkdirSync(target, { recursive: true });
  cpSync(built, addon);
  console.log(`[native] ready: ${addon}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
