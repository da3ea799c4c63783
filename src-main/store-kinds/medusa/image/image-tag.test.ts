import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imageTag, sourceFiles } from './image-tag';

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'storefleet-image-tag-'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function put(root: string, path: string, text: string): Promise<void> {
  const file = join(root, ...path.split('/'));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

const PROJECT: Record<string, string> = {
  'package.json': '{"name":"storefleet-medusa-backend","private":true}\n',
  'package-lock.json': '{"lockfileVersion":3}\n',
  Dockerfile: 'FROM node:22-bookworm-slim\n',
  'medusa-config.ts': 'export default {};\n',
  'src/migration-scripts/storefleet-seed.ts': 'export default async function seed() {}\n',
  'bin/storefleet-medusa': '#!/bin/sh\nexec medusa "$@"\n',
};

/** A project folder holding `files`, written in the given order. */
async function project(name: string, files: Record<string, string>, order = Object.keys(files)) {
  const root = join(base, name);
  for (const path of order) await put(root, path, files[path] ?? '');
  return root;
}

describe('imageTag', () => {
  it('is 12 hex digits and the same for the same content, whatever the folder or write order', async () => {
    const a = await project('a', PROJECT);
    const b = await project('b', PROJECT, Object.keys(PROJECT).reverse());
    const tag = await imageTag(a);
    expect(tag).toMatch(/^[0-9a-f]{12}$/);
    expect(await imageTag(b)).toBe(tag);
    expect(await imageTag(a)).toBe(tag);
  });

  it('changes when a file changes, is added, is renamed or is made executable', async () => {
    const root = await project('p', PROJECT);
    const seen = new Set([await imageTag(root)]);
    const changed = async (): Promise<void> => {
      const tag = await imageTag(root);
      expect(seen.has(tag)).toBe(false);
      seen.add(tag);
    };
    await put(root, 'medusa-config.ts', 'export default { projectConfig: {} };\n');
    await changed();
    await put(root, 'src/api/store/custom/route.ts', 'export const GET = () => {};\n');
    await changed();
    await rm(join(root, 'src', 'api', 'store', 'custom', 'route.ts'));
    await put(root, 'src/api/store/custom/other.ts', 'export const GET = () => {};\n');
    await changed();
    await chmod(join(root, 'medusa-config.ts'), 0o755);
    await changed();
  });

  it('does not mix one file’s end with the next file’s start', async () => {
    const a = await project('a', { x: 'ab', y: 'c' });
    const b = await project('b', { x: 'a', y: 'bc' });
    expect(await imageTag(a)).not.toBe(await imageTag(b));
  });

  it('ignores installs, build output, version control and local run leftovers, only at the top for the latter', async () => {
    const root = await project('p', PROJECT);
    const tag = await imageTag(root);
    await put(root, 'node_modules/@medusajs/medusa/package.json', '{}');
    await put(root, 'src/node_modules/local/index.js', '');
    await put(root, '.medusa/server/index.js', 'built');
    await put(root, 'dist/index.js', 'built');
    await put(root, 'build/index.js', 'built');
    await put(root, '.git/HEAD', 'ref: refs/heads/main\n');
    await put(root, '.cache/x', 'cache');
    await put(root, 'static/1700000000-photo.png', 'upload');
    await put(root, '.env', 'DATABASE_URL=postgres://local');
    await put(root, '.env.test', 'X=1');
    await put(root, 'npm-debug.log', 'log');
    expect(await imageTag(root)).toBe(tag);
    expect(await sourceFiles(root)).toEqual(Object.keys(PROJECT).sort());

    await put(root, 'src/build/route.ts', 'export {};\n');
    await put(root, 'src/static/.env', 'A=1');
    expect(await imageTag(root)).not.toBe(tag);
    expect(await sourceFiles(root)).toContain('src/build/route.ts');
    expect(await sourceFiles(root)).toContain('src/static/.env');
  });

  it('lists relative POSIX paths in sorted order', async () => {
    const root = await project('p', PROJECT, Object.keys(PROJECT).reverse());
    expect(await sourceFiles(root)).toEqual([
      'Dockerfile',
      'bin/storefleet-medusa',
      'medusa-config.ts',
      'package-lock.json',
      'package.json',
      'src/migration-scripts/storefleet-seed.ts',
    ]);
  });

  it('rejects when the folder does not exist', async () => {
    await expect(imageTag(join(base, 'missing'))).rejects.toThrow(/ENOENT/);
  });
});
