import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  standInCalls,
  standInDocker,
  standInDockerBuild,
  standInK3dImport,
} from '../../../../test-rig/tools/stand-in-clis';
import { dockerStatus } from '../../../tools/docker-status';
import { findTool } from '../../../tools/find-tool';
import {
  NO_IMAGE_MESSAGE,
  ensureMedusaImage,
  medusaImageValues,
  type EnsureMedusaImageInput,
  type MedusaImageTools,
  type NodeImages,
} from './ensure-medusa-image';
import { MedusaImageError } from './image-error';
import { imageTag } from './image-tag';

let base: string;
let bin: string;
let projectDir: string;
let tag: string;
let ref: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'storefleet-medusa-image-'));
  bin = join(base, 'bin');
  projectDir = join(base, 'images', 'medusa');
  await mkdir(join(projectDir, 'src'), { recursive: true });
  await mkdir(bin);
  await writeFile(join(projectDir, 'Dockerfile'), 'FROM node:22-bookworm-slim\n');
  await writeFile(join(projectDir, 'package.json'), '{"name":"storefleet-medusa-backend"}\n');
  await writeFile(join(projectDir, 'src', 'index.ts'), 'export {};\n');
  tag = await imageTag(projectDir);
  ref = `storefleet/medusa-backend:${tag}`;
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

// Only the stand-ins' folder (and the system's, for sleep): never a docker installed here.
const env = (): NodeJS.ProcessEnv => ({ PATH: `${bin}:/usr/bin:/bin` });

function tools(): MedusaImageTools {
  return {
    docker: () => dockerStatus({ env: env(), usualDirs: [] }),
    k3d: () => findTool('k3d', { env: env(), usualDirs: [] }),
  };
}

const untouchable: MedusaImageTools = {
  docker: () => Promise.reject(new Error('docker must not be looked for')),
  k3d: () => Promise.reject(new Error('k3d must not be looked for')),
};

/** Stand-in for the cluster's nodes: a plain function answering fixed image names per node. */
function nodesStandIn(...images: string[][]): () => Promise<NodeImages[]> {
  return () =>
    Promise.resolve(images.map((names, i) => ({ node: `k3d-dev-server-${i}`, images: names })));
}

function run(over: Partial<EnsureMedusaImageInput> = {}): {
  lines: string[];
  done: ReturnType<typeof ensureMedusaImage>;
} {
  const lines: string[] = [];
  const done = ensureMedusaImage({
    context: 'k3d-dev',
    values: { medusa: { image: { repository: 'storefleet/medusa-backend', tag: '' } } },
    tools: tools(),
    nodeImages: nodesStandIn([]),
    progress: (line) => lines.push(line),
    projectDir,
    env: env(),
    limits: { progressIntervalMs: 0 },
    ...over,
  });
  return { lines, done };
}

async function failure(done: Promise<unknown>): Promise<MedusaImageError> {
  const error: unknown = await done.then(
    () => new Error('expected a MedusaImageError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MedusaImageError);
  const image = error as MedusaImageError;
  // A reason the store's row can show: one line, one sentence.
  expect(image.message).not.toContain('\n');
  expect(image.message.length).toBeLessThanOrEqual(200);
  expect(image.message).toMatch(/[.…]$/);
  return image;
}

describe('ensureMedusaImage: an image named in the values', () => {
  it('uses it as is on a k3s context, without looking for docker or k3d', async () => {
    const { done, lines } = run({
      context: 'default',
      values: { medusa: { image: { repository: 'ghcr.io/acme/medusa', tag: '2.21.2-1' } } },
      tools: untouchable,
      nodeImages: () => Promise.reject(new Error('nodes must not be read')),
    });
    await expect(done).resolves.toEqual({
      repository: 'ghcr.io/acme/medusa',
      tag: '2.21.2-1',
      pullPolicy: null,
      source: 'values',
      message: 'Using the Medusa image ghcr.io/acme/medusa:2.21.2-1 named in the values.',
    });
    expect(lines).toEqual([]);
  });

  it('uses it as is on a k3d context too: no build', async () => {
    const { done } = run({
      values: { medusa: { image: { repository: 'registry.local/medusa', tag: 'v1' } } },
      tools: untouchable,
    });
    await expect(done).resolves.toMatchObject({ repository: 'registry.local/medusa', tag: 'v1' });
    expect(await standInCalls(bin, 'docker')).toEqual([]);
  });

  it('says how to build, push and name one on a context that is not k3d', async () => {
    const { done } = run({ context: 'default', tools: untouchable, projectDir: '/nonexistent' });
    const error = await failure(done);
    expect(error.reason).toBe('no-image');
    expect(error.message).toBe(NO_IMAGE_MESSAGE);
    expect(error.message).toContain('helm-values/medusa/values-prod.yaml');
    expect(error.message).toContain('medusa.image.repository');
  });
});

describe('ensureMedusaImage on a k3d context (stand-in docker and k3d CLIs)', () => {
  it('does nothing when every node already holds the image, as containerd names it', async () => {
    const { done, lines } = run({
      tools: untouchable,
      nodeImages: nodesStandIn(
        [`docker.io/${ref}`],
        ['docker.io/rancher/mirrored-pause:3.6', `docker.io/${ref}`],
      ),
    });
    await expect(done).resolves.toEqual({
      repository: 'storefleet/medusa-backend',
      tag,
      pullPolicy: 'IfNotPresent',
      source: 'cluster',
      message: `The k3d cluster dev already holds the Medusa image ${ref}.`,
    });
    expect(lines).toEqual([]);
  });

  it('builds with the project folder and the tag, then imports into the cluster, line by line', async () => {
    await standInDockerBuild(bin, 'ok');
    await standInK3dImport(bin, 'ok');
    const { done, lines } = run();
    await expect(done).resolves.toEqual({
      repository: 'storefleet/medusa-backend',
      tag,
      pullPolicy: 'IfNotPresent',
      source: 'built',
      message: `Built the Medusa image ${ref} and imported it into the k3d cluster dev.`,
    });
    expect(await standInCalls(bin, 'docker')).toEqual([
      ['version', '--format', 'json'],
      ['build', '-t', ref, projectDir],
    ]);
    expect(await standInCalls(bin, 'k3d')).toEqual([
      ['version'],
      ['image', 'import', ref, '-c', 'dev'],
    ]);
    const importAt = lines.indexOf(`Importing the Medusa image ${ref} into the k3d cluster dev.`);
    expect(lines[0]).toBe(
      `Building the Medusa image ${ref}; the first build takes several minutes.`,
    );
    expect(lines.slice(1, importAt)).toEqual([
      '#0 building with "default" instance using docker driver',
      '#1 [internal] load build definition from Dockerfile',
      '#1 transferring dockerfile: 1.02kB done',
      '#1 DONE 0.0s',
      '#2 [internal] load metadata for docker.io/library/node:22-bookworm-slim',
      '#2 DONE 0.9s',
      '#3 [builder 4/6] RUN npm ci',
      '#3 14.21 added 1204 packages, and audited 1205 packages in 14s',
      '#3 DONE 15.0s',
      '#4 [builder 6/6] RUN npx medusa build',
      '#4 31.02 info:    Backend build completed successfully (12.40s)',
      '#4 DONE 33.1s',
      '#5 exporting to image',
      '#5 exporting layers 2.1s done',
      `#5 naming to docker.io/${ref} done`,
      '#5 DONE 2.2s',
    ]);
    expect(lines.slice(importAt + 1)).toEqual([
      "Importing image(s) into cluster 'dev'",
      'Starting new tools node...',
      "Starting node 'k3d-dev-tools'",
      'Saving 1 image(s) from runtime...',
      'Importing images into nodes...',
      "Importing images from tarball '/k3d/images/k3d-dev-images-20261129150000.tar' into node 'k3d-dev-server-0'...",
      'Removing the tarball(s) from image volume...',
      'Removing k3d-tools node...',
      'Successfully imported image(s)',
      'Successfully imported 1 image(s) into 1 cluster(s)',
    ]);
    expect(medusaImageValues(await done)).toEqual({
      medusa: {
        image: { repository: 'storefleet/medusa-backend', tag, pullPolicy: 'IfNotPresent' },
      },
    });
  });

  it('passes on one build line per interval, and always the last one', async () => {
    await standInDockerBuild(bin, 'ok');
    await standInK3dImport(bin, 'ok');
    const { done, lines } = run({ limits: { progressIntervalMs: 60_000 } });
    await done;
    const importAt = lines.findIndex((line) => line.startsWith('Importing the Medusa image'));
    expect(lines.slice(1, importAt)).toEqual([
      '#0 building with "default" instance using docker driver',
      '#5 DONE 2.2s',
    ]);
  });

  it('builds when only some nodes hold the image (k3d imports into every node)', async () => {
    await standInDockerBuild(bin, 'ok');
    await standInK3dImport(bin, 'ok');
    const { done } = run({ nodeImages: nodesStandIn([`docker.io/${ref}`], []) });
    await expect(done).resolves.toMatchObject({ source: 'built' });
    expect((await standInCalls(bin, 'docker')).at(-1)).toEqual(['build', '-t', ref, projectDir]);
  });

  it('builds when the node holds an older tag only', async () => {
    await standInDockerBuild(bin, 'ok');
    await standInK3dImport(bin, 'ok');
    const { done } = run({
      nodeImages: nodesStandIn(['docker.io/storefleet/medusa-backend:000000000000']),
    });
    await expect(done).resolves.toMatchObject({ source: 'built', tag });
  });

  it('builds when the nodes cannot be read, and says why', async () => {
    await standInDockerBuild(bin, 'ok');
    await standInK3dImport(bin, 'ok');
    const { done, lines } = run({
      nodeImages: () => Promise.reject(new Error('nodes is forbidden')),
    });
    await expect(done).resolves.toMatchObject({ source: 'built' });
    expect(lines[0]).toBe(
      "The cluster's nodes could not be read, so the Medusa image is built to be sure.",
    );
  });

  it("gives docker's failure in one sentence and its last lines behind it; nothing is imported", async () => {
    await standInDockerBuild(bin, 'fail');
    await standInK3dImport(bin, 'ok');
    const error = await failure(run().done);
    expect(error.reason).toBe('build-failed');
    expect(error.message).toBe(
      'Docker could not build the Medusa image: failed to solve: process "/bin/sh -c npx medusa build" did not complete successfully: exit code: 1.',
    );
    expect(error.logTail?.at(-1)).toBe(
      'ERROR: failed to solve: process "/bin/sh -c npx medusa build" did not complete successfully: exit code: 1',
    );
    expect(error.logTail).toContain(
      '6.412 error:   Error in loading config: Cannot find module ./medusa-config',
    );
    expect(await standInCalls(bin, 'k3d')).toEqual([['version']]);
  });

  it('says Docker was not found when there is none', async () => {
    await standInK3dImport(bin, 'ok');
    const error = await failure(run().done);
    expect(error.reason).toBe('docker-missing');
    expect(error.message).toBe(
      'Cannot build the Medusa image: Docker was not found on this computer.',
    );
  });

  it("says Docker is not running in docker-status's words, before any build", async () => {
    await standInDocker(bin, 'daemon-down');
    await standInK3dImport(bin, 'ok');
    const error = await failure(run().done);
    expect(error.reason).toBe('docker-down');
    expect(error.message).toBe(
      'Cannot build the Medusa image: Docker is installed but not running. Start Docker Desktop (or the docker service), then check again.',
    );
    expect(await standInCalls(bin, 'docker')).toEqual([['version', '--format', 'json']]);
  });

  it('says k3d was not found before building anything', async () => {
    await standInDockerBuild(bin, 'ok');
    const error = await failure(run().done);
    expect(error.reason).toBe('k3d-missing');
    expect(error.message).toBe(
      'Cannot load the Medusa image into the k3d cluster dev: k3d was not found on this computer. Install k3d (https://k3d.io), then retry.',
    );
    expect(await standInCalls(bin, 'docker')).toEqual([['version', '--format', 'json']]);
  });

  it("names k3d's error when the import fails", async () => {
    await standInDockerBuild(bin, 'ok');
    await standInK3dImport(bin, 'no-cluster');
    const error = await failure(run().done);
    expect(error.reason).toBe('import-failed');
    expect(error.message).toMatch(
      /^k3d could not import the Medusa image into the k3d cluster dev: Failed to import image\(s\) into cluster 'dev': failed to ensure .*…$/,
    );
    expect(error.logTail?.at(-1)).toBe(
      'At least one error occured while trying to import the image(s) into the selected cluster(s)',
    );
  });

  it('says k3d could not reach Docker when the daemon went away before the import', async () => {
    await standInDockerBuild(bin, 'ok');
    await standInK3dImport(bin, 'daemon-down');
    const error = await failure(run().done);
    expect(error.reason).toBe('import-failed');
    expect(error.message).toBe(
      'k3d could not reach Docker to import the Medusa image into the k3d cluster dev. Start Docker, then retry.',
    );
    expect(error.message).not.toContain('docker.sock');
  });

  it('stops the build when cancelled', async () => {
    await standInDockerBuild(bin, 'hang');
    await standInK3dImport(bin, 'ok');
    const controller = new AbortController();
    const { done, lines } = run({ signal: controller.signal });
    await expect.poll(() => lines.length, { timeout: 10_000 }).toBeGreaterThan(10);
    const started = Date.now();
    controller.abort();
    const error = await failure(done);
    expect(error.reason).toBe('cancelled');
    expect(error.message).toBe('Building the Medusa image was cancelled.');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await standInCalls(bin, 'k3d')).toEqual([['version']]);
  });

  it('stops a build that runs past its time, saying so', async () => {
    await standInDockerBuild(bin, 'hang');
    await standInK3dImport(bin, 'ok');
    const error = await failure(
      run({ limits: { progressIntervalMs: 0, buildTimeoutMs: 1_500 } }).done,
    );
    expect(error.reason).toBe('build-failed');
    expect(error.message).toBe(
      'Building the Medusa image did not finish within 1.5 seconds and was stopped.',
    );
  });

  it('does nothing once the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(run({ signal: controller.signal, tools: untouchable }).done);
    expect(error.reason).toBe('cancelled');
  });

  it('says the backend project is missing when its folder is not there', async () => {
    const error = await failure(
      run({ projectDir: join(base, 'nothing'), tools: untouchable }).done,
    );
    expect(error.reason).toBe('project-missing');
  });
});
