import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { settledStore, uniqueName, useStandInEngines } from '../../test-rig/engine/int-support';
import { towardMedusaStandIn, useMedusaStandIn } from '../../test-rig/engine/medusa-int-support';
import {
  standInCalls,
  standInDockerBuild,
  standInK3dImport,
} from '../../test-rig/tools/stand-in-clis';
import { createKubeClients } from '../kube/client';
import { createMedusaDriver } from '../store-kinds/medusa/driver';
import { imageTag } from '../store-kinds/medusa/image/image-tag';
import { findMedusaProjectDir } from '../store-kinds/medusa/image/project-dir';
import { dockerStatus } from '../tools/docker-status';
import { findTool } from '../tools/find-tool';

const { engines } = useStandInEngines();
const medusaStandIn = useMedusaStandIn();

const CLUSTER = 'sfimage';
let dir: string;
let kubeconfig: string;

/** The test cluster under a k3d context name (k3d-<cluster>), as k3d writes it. */
async function k3dKubeconfig(): Promise<string> {
  const doc = parse(await readFile(testCluster().kubeconfigPath, 'utf8')) as {
    contexts: { name: string }[];
    'current-context'?: string;
  };
  const context = doc.contexts.find((c) => c.name === testCluster().context);
  if (!context) throw new Error('the test cluster kubeconfig has no context of its own');
  context.name = `k3d-${CLUSTER}`;
  doc['current-context'] = context.name;
  const file = join(dir, 'kubeconfig');
  await writeFile(file, stringify(doc));
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-medusa-image-int-'));
  kubeconfig = await k3dKubeconfig();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the Medusa image step on a k3d context (stand-in docker and k3d CLIs, test cluster)', () => {
  it('builds the image, imports it into the k3d cluster, and the release runs that image', async () => {
    const bin = join(dir, 'bin');
    await standInDockerBuild(bin, 'ok');
    await standInK3dImport(bin, 'ok');
    // Only the stand-ins' folder (and the system's): never a docker or k3d installed here.
    const env = { PATH: `${bin}:/usr/bin:/bin` };
    const projectDir = findMedusaProjectDir();
    const tag = await imageTag(projectDir);
    const ref = `storefleet/medusa-backend:${tag}`;
    const driver = createMedusaDriver({
      projectDir,
      imageTools: {
        docker: () => dockerStatus({ env, usualDirs: [] }),
        k3d: () => findTool('k3d', { env, usualDirs: [] }),
      },
    });
    const context = `k3d-${CLUSTER}`;
    const e = await engines.start({
      kubeconfig,
      context,
      wrapMedusaDriver: () => towardMedusaStandIn(medusaStandIn)(driver),
    });
    const name = uniqueName('built');
    const created = e.engine.create({ context, name, kind: 'medusa' });
    const store = await settledStore(e, created.id);
    expect(store).toMatchObject({ status: 'Ready', error: null });

    const image = e.engine.get(store.id).events.filter((ev) => ev.step === 'image');
    expect(image.at(-1)).toMatchObject({
      status: 'succeeded',
      message: `Built the Medusa image ${ref} and imported it into the k3d cluster ${CLUSTER}.`,
    });
    const progress = image.filter((ev) => ev.status === 'progress').map((ev) => ev.message);
    expect(progress).toEqual(
      expect.arrayContaining([
        `Building the Medusa image ${ref}; the first build takes several minutes.`,
        `Importing the Medusa image ${ref} into the k3d cluster ${CLUSTER}.`,
      ]),
    );
    expect(await standInCalls(bin, 'docker')).toContainEqual(['build', '-t', ref, projectDir]);
    expect(await standInCalls(bin, 'k3d')).toContainEqual(['image', 'import', ref, '-c', CLUSTER]);
    expect(e.repo.settings(store.id)).toMatchObject({
      medusaImageRepository: 'storefleet/medusa-backend',
      medusaImageTag: tag,
    });

    const c = createKubeClients({ kubeconfig, context });
    const deployment = await c.apps.readNamespacedDeployment({
      name: `${name}-medusa`,
      namespace: store.namespace,
    });
    const container = deployment.spec?.template.spec?.containers[0];
    expect(container?.image).toBe(ref);
    expect(container?.imagePullPolicy).toBe('IfNotPresent');
  });

  it("a failed build fails the image step with the build's last lines behind Details, nothing created", async () => {
    const bin = join(dir, 'bin-fail');
    await standInDockerBuild(bin, 'fail');
    await standInK3dImport(bin, 'ok');
    const env = { PATH: `${bin}:/usr/bin:/bin` };
    const driver = createMedusaDriver({
      projectDir: findMedusaProjectDir(),
      imageTools: {
        docker: () => dockerStatus({ env, usualDirs: [] }),
        k3d: () => findTool('k3d', { env, usualDirs: [] }),
      },
    });
    const context = `k3d-${CLUSTER}`;
    const e = await engines.start({
      kubeconfig,
      context,
      wrapMedusaDriver: () => towardMedusaStandIn(medusaStandIn)(driver),
    });
    const created = e.engine.create({ context, name: uniqueName('nobuild'), kind: 'medusa' });
    const failed = await settledStore(e, created.id);
    expect(failed).toMatchObject({ status: 'Failed', step: 'image', helmRevision: null });
    expect(failed.error).toMatch(/Medusa image/);
    expect(failed.errorDetails).toContain('Cannot find module ./medusa-config');
    expect(await standInCalls(bin, 'k3d')).not.toContainEqual(expect.arrayContaining(['import']));
    const c = createKubeClients({ kubeconfig, context });
    await expect(c.core.readNamespace({ name: failed.namespace })).rejects.toThrow();
  });
});
