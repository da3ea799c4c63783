import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MedusaImageError } from './image-error';
import { findMedusaProjectDir } from './project-dir';

let tree: string;
beforeEach(async () => {
  tree = await mkdtemp(join(tmpdir(), 'storefleet-medusa-project-'));
  await writeFile(join(tree, 'package.json'), JSON.stringify({ name: 'storefleet' }));
  await mkdir(join(tree, 'out', 'main'), { recursive: true });
});
afterEach(async () => {
  await rm(tree, { recursive: true, force: true });
});

describe('findMedusaProjectDir', () => {
  it("finds images/medusa in the app's root by its Dockerfile", async () => {
    await mkdir(join(tree, 'images', 'medusa'), { recursive: true });
    await writeFile(join(tree, 'images', 'medusa', 'Dockerfile'), 'FROM node:22\n');
    expect(findMedusaProjectDir(join(tree, 'out', 'main'))).toBe(join(tree, 'images', 'medusa'));
  });

  it('says the project is missing when the folder (or its Dockerfile) is not there', async () => {
    const from = join(tree, 'out', 'main');
    const expected = new MedusaImageError(
      'project-missing',
      'The Medusa backend project (images/medusa with its Dockerfile) is missing from this Storefleet installation, so its image cannot be built.',
    );
    expect(() => findMedusaProjectDir(from)).toThrow(expected);
    await mkdir(join(tree, 'images', 'medusa'), { recursive: true });
    expect(() => findMedusaProjectDir(from)).toThrow(expected);
  });
});
