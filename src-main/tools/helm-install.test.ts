// The Helm download against a local HTTP server standing in for get.helm.sh: a small archive
// holding a stand-in helm, its published checksum, and the ways that goes wrong.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HelmInstallProgress } from '../../src-shared/types/service-types';
import { standInCalls, standInHelm } from '../../test-rig/tools/stand-in-clis';
import { HelmInstallError, installHelm } from './helm-install';
import { helmAsset, parseChecksumFile } from './helm-release';

const VERSION = '3.22.0';
const asset = helmAsset('linux', 'x64', { version: VERSION, baseUrl: 'http://x' });
if (!asset) throw new Error('no asset for linux-amd64');
const ARCHIVE = asset.archive;

type Route = (res: ServerResponse) => void;
let routes = new Map<string, Route>();
let server: Server;
let base: string;
let work: string;
let standInDir: string;
let archive: Buffer;
let archiveSum: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'storefleet-helm-dl-'));
  // The archive as Helm publishes it: linux-amd64/helm plus a README and LICENSE.
  const tree = join(work, 'tree');
  standInDir = join(tree, 'linux-amd64');
  await standInHelm(standInDir, `v${VERSION}`);
  await rm(join(standInDir, 'helm.calls'), { force: true });
  await writeFile(join(standInDir, 'README.md'), 'stand-in\n');
  await execa('tar', ['-czf', join(work, ARCHIVE), '-C', tree, 'linux-amd64']);
  archive = await readFile(join(work, ARCHIVE));
  archiveSum = createHash('sha256').update(archive).digest('hex');
  server = createServer((req, res) => {
    const route = routes.get(req.url ?? '');
    if (route) route(res);
    else res.writeHead(404).end('Not Found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(work, { recursive: true, force: true });
});

let dataDir: string;
beforeEach(async () => {
  routes = new Map();
  await rm(join(standInDir, 'helm.calls'), { force: true });
  dataDir = join(work, `data-${Math.random().toString(16).slice(2)}`);
  await mkdir(dataDir);
});

const serve = (body: Buffer | string, sum = `${archiveSum}  ${ARCHIVE}\n`): void => {
  routes.set(`/${ARCHIVE}`, (res) => {
    res.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body);
  });
  routes.set(`/${ARCHIVE}.sha256sum`, (res) => res.writeHead(200).end(sum));
};

const run = (progress: HelmInstallProgress[] = [], signal?: AbortSignal) =>
  installHelm({
    dataDir,
    platform: 'linux',
    arch: 'x64',
    version: VERSION,
    baseUrl: base,
    signal,
    stallMs: 2_000,
    onProgress: (p) => progress.push(p),
  });

async function rejection(promise: Promise<unknown>): Promise<HelmInstallError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HelmInstallError);
  return error as HelmInstallError;
}

/** Nothing in the data folder but empty folders: no archive, no program left behind. */
async function leftovers(): Promise<string[]> {
  const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

describe('installHelm against a local stand-in of get.helm.sh', () => {
  it('downloads, verifies, unpacks and checks Helm, then puts it in the data folder', async () => {
    serve(archive);
    const progress: HelmInstallProgress[] = [];
    const installed = await run(progress);
    expect(installed).toEqual({ path: join(dataDir, 'bin', 'helm'), version: `v${VERSION}` });
    expect((await stat(installed.path)).mode & 0o111).not.toBe(0);
    expect(progress.map((p) => p.phase)).toEqual([
      'checksum',
      'download',
      'download',
      'verify',
      'extract',
      'check',
      'done',
    ]);
    const last = progress.filter((p) => p.phase === 'download').at(-1);
    expect(last).toMatchObject({ receivedBytes: archive.length, totalBytes: archive.length });
    // The README and the download itself are gone; only the program stays.
    expect(await leftovers()).toEqual(['helm']);
  });

  it('refuses a corrupt archive before extracting or running anything', async () => {
    const corrupt = Buffer.from(archive);
    corrupt[corrupt.length - 10] = (corrupt[corrupt.length - 10] ?? 0) ^ 0xff;
    serve(corrupt);
    const progress: HelmInstallProgress[] = [];
    const error = await rejection(run(progress));
    expect(error.reason).toBe('checksum');
    expect(error.message).toBe(
      `The downloaded ${ARCHIVE} does not match its published checksum, so it was deleted and not run. Try again; if it happens again, install Helm yourself.`,
    );
    expect(progress.map((p) => p.phase)).not.toContain('extract');
    expect(await leftovers()).toEqual([]);
  });

  it('refuses a good archive whose published checksum is another one', async () => {
    const other = createHash('sha256').update('another archive').digest('hex');
    serve(archive, `${other}  ${ARCHIVE}\n`);
    const error = await rejection(run());
    expect(error.reason).toBe('checksum');
    expect(await leftovers()).toEqual([]);
  });

  it('refuses a checksum file for another archive, or one it cannot read', async () => {
    serve(archive, `${archiveSum}  helm-v${VERSION}-darwin-arm64.tar.gz\n`);
    expect((await rejection(run())).message).toBe(
      `The published checksum for ${ARCHIVE} could not be read, so Helm was not installed.`,
    );
    serve(archive, '<html>Not here</html>');
    expect((await rejection(run())).reason).toBe('checksum');
    expect(await leftovers()).toEqual([]);
  });

  it('says the site could not be reached when offline', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await rejection(
      installHelm({ dataDir, platform: 'linux', arch: 'x64', baseUrl: `http://127.0.0.1:${port}` }),
    );
    expect(error.reason).toBe('offline');
    expect(error.message).toBe(
      `Storefleet could not reach 127.0.0.1:${port}. Check that this computer is online, then try again. Helm was not installed.`,
    );
    expect(error.message).not.toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('says which file the site does not have', async () => {
    routes.set(`/${ARCHIVE}.sha256sum`, (res) =>
      res.writeHead(200).end(`${archiveSum}  ${ARCHIVE}`),
    );
    const error = await rejection(run());
    expect(error.reason).toBe('download');
    expect(error.message).toContain(`did not provide ${ARCHIVE} (it answered with status 404)`);
  });

  it('stops on cancel during the download and leaves nothing behind', async () => {
    routes.set(`/${ARCHIVE}.sha256sum`, (res) =>
      res.writeHead(200).end(`${archiveSum}  ${ARCHIVE}`),
    );
    // Sends the first half, then nothing: the test cancels while it waits.
    routes.set(`/${ARCHIVE}`, (res) => {
      res.writeHead(200, { 'content-length': archive.length });
      res.write(archive.subarray(0, archive.length >> 1));
    });
    const controller = new AbortController();
    const progress: HelmInstallProgress[] = [];
    const pending = run(progress, controller.signal);
    await expect.poll(() => progress.some((p) => p.phase === 'download')).toBe(true);
    controller.abort();
    const error = await rejection(pending);
    expect(error.reason).toBe('cancelled');
    expect(error.message).toBe('The Helm download was cancelled; nothing was installed.');
    expect(await leftovers()).toEqual([]);
  });

  it('keeps the Helm it had when a new download fails', async () => {
    serve(archive);
    const first = await run();
    serve(Buffer.from('not an archive'));
    await rejection(run());
    expect(await readFile(first.path, 'utf8')).toContain(`v${VERSION}`);
  });

  it('runs the unpacked helm once, with `version`, and only after the checksum matched', async () => {
    // The stand-in records its calls in the folder it was built in, wherever it is copied.
    serve(archive);
    await run();
    expect(await standInCalls(standInDir, 'helm')).toEqual([
      ['version', '--template', '{{.Version}}'],
    ]);
    await rm(join(standInDir, 'helm.calls'), { force: true });
    const corrupt = Buffer.from(archive);
    corrupt[20] = (corrupt[20] ?? 0) ^ 0xff;
    serve(corrupt);
    await rejection(run());
    expect(await standInCalls(standInDir, 'helm')).toEqual([]);
  });
});

describe('helm release files', () => {
  it('names the archive and checksum for each system Helm publishes', () => {
    expect(helmAsset('darwin', 'arm64')?.archiveUrl).toBe(
      'https://get.helm.sh/helm-v3.22.0-darwin-arm64.tar.gz',
    );
    expect(helmAsset('win32', 'x64')).toMatchObject({
      archive: 'helm-v3.22.0-windows-amd64.zip',
      program: 'helm.exe',
      checksumUrl: 'https://get.helm.sh/helm-v3.22.0-windows-amd64.zip.sha256sum',
    });
    expect(helmAsset('darwin', 'ia32')).toBeNull();
    expect(helmAsset('freebsd', 'x64')).toBeNull();
  });

  it('reads a sha256sum line and refuses another file name or a short digest', () => {
    const sum = 'A'.repeat(64);
    expect(parseChecksumFile(`${sum}  x.tar.gz\n`, 'x.tar.gz')).toBe('a'.repeat(64));
    expect(parseChecksumFile(`${sum}`, 'x.tar.gz')).toBe('a'.repeat(64));
    expect(parseChecksumFile(`${sum} *x.tar.gz`, 'x.tar.gz')).toBe('a'.repeat(64));
    expect(parseChecksumFile(`${sum}  y.tar.gz`, 'x.tar.gz')).toBeNull();
    expect(parseChecksumFile('abc  x.tar.gz', 'x.tar.gz')).toBeNull();
    expect(parseChecksumFile('', 'x.tar.gz')).toBeNull();
  });
});
