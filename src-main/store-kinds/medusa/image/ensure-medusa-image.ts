// The image step of a Medusa store, run before anything is created in the cluster. Medusa
// publishes no container image, so Storefleet builds its own from images/medusa:
//   - values that name `medusa.image.repository` and `medusa.image.tag` are used as they are
//     (a k3s server or any cluster that pulls from a registry): no build;
//   - on a k3d context (`k3d-<cluster>`) the image is `storefleet/medusa-backend:<tag>`, the tag
//     a fingerprint of the project's files (image-tag.ts); when every node already holds it
//     nothing is done, otherwise `docker build -t <ref> <project>` then
//     `k3d image import <ref> -c <cluster>`, their lines passed on as progress;
//   - on any other context without an image in the values: a MedusaImageError saying how to
//     build, push and name one.
// Docker or k3d missing, Docker's daemon down, a failed build or import: a MedusaImageError
// (reason, one sentence, the tool's last lines in `logTail`). The only cluster access is the
// caller's `nodeImages` read; nothing here creates or changes anything in the cluster.
import type { ToolInfo } from '../../../../src-shared/types/service-types';
import { k3dClusterOfContext } from '../../../first-run/k3d-cluster';
import { dockerStatus, type DockerStatus } from '../../../tools/docker-status';
import { findTool } from '../../../tools/find-tool';
import { dockerBuild } from './docker-build';
import { MedusaImageError } from './image-error';
import { MEDUSA_IMAGE_REPOSITORY, listsImage, medusaImageRef } from './image-ref';
import { imageTag } from './image-tag';
import { imageFromValues } from './image-values';
import { k3dImport } from './k3d-import';
import type { NodeImages } from './node-images';
import { checkMedusaProjectDir, findMedusaProjectDir } from './project-dir';
import { sentenceWith } from './sentence';

export { MedusaImageError, isMedusaImageError } from './image-error';
export type { MedusaImageFailure } from './image-error';
export { medusaImageValues } from './image-values';
export type { NodeImages } from './node-images';
export { listNodeImages } from './node-images';

/** Finds docker (and asks its daemon) and k3d; asked only when an image has to be built. */
export interface MedusaImageTools {
  docker: () => Promise<DockerStatus>;
  k3d: () => Promise<ToolInfo>;
}

/** docker-status.ts and find-tool.ts as the rest of the app uses them. */
export function defaultMedusaImageTools(env: NodeJS.ProcessEnv = process.env): MedusaImageTools {
  return { docker: () => dockerStatus({ env }), k3d: () => findTool('k3d', { env }) };
}

export interface EnsureMedusaImageInput {
  /** the kubeconfig context the store goes to; `k3d-<cluster>` for a k3d cluster */
  context: string;
  /** the store's merged values (chart defaults, then the values file) */
  values: Record<string, unknown>;
  tools: MedusaImageTools;
  /** each node's image names: listNodeImages(core) with the context's CoreV1Api */
  nodeImages: () => Promise<readonly NodeImages[]>;
  /** one line at a time, at most one per progressIntervalMs during a build */
  progress: (line: string) => void;
  signal?: AbortSignal;
  /** images/medusa in the app's root when left out */
  projectDir?: string;
  env?: NodeJS.ProcessEnv;
  limits?: { buildTimeoutMs?: number; importTimeoutMs?: number; progressIntervalMs?: number };
}

export interface MedusaImageResult {
  /** for `medusa.image.repository` */
  repository: string;
  /** for `medusa.image.tag` */
  tag: string;
  /** 'IfNotPresent' for an image loaded into k3d; null leaves the values' own policy */
  pullPolicy: 'IfNotPresent' | null;
  /** where the image comes from: the values, the cluster's nodes, or a build just now */
  source: 'values' | 'cluster' | 'built';
  /** one sentence for the step's event */
  message: string;
}

export const BUILD_TIMEOUT_MS = 30 * 60_000;
export const IMPORT_TIMEOUT_MS = 10 * 60_000;
export const PROGRESS_INTERVAL_MS = 1_000;

export const NO_IMAGE_MESSAGE =
  'This cluster cannot use an image built here: build images/medusa, push it to a registry, then set medusa.image.repository and tag in helm-values/medusa/values-prod.yaml (see the README).';

function cancelled(): MedusaImageError {
  return new MedusaImageError('cancelled', 'Preparing the Medusa image was cancelled.');
}

async function everyNodeHolds(input: EnsureMedusaImageInput, ref: string): Promise<boolean> {
  let nodes: readonly NodeImages[];
  try {
    nodes = await input.nodeImages();
  } catch {
    if (input.signal?.aborted) throw cancelled();
    // Unreadable nodes (a user without that right) only cost a build that may be redundant.
    input.progress(
      "The cluster's nodes could not be read, so the Medusa image is built to be sure.",
    );
    return false;
  }
  return nodes.length > 0 && nodes.every((node) => listsImage(node.images, ref));
}

async function usableDocker(tools: MedusaImageTools): Promise<string> {
  const docker = await tools.docker();
  if (docker.path === null) {
    throw new MedusaImageError(
      'docker-missing',
      `Cannot build the Medusa image: ${docker.problem ?? 'Docker was not found on this computer.'}`,
    );
  }
  if (!docker.daemonRunning || docker.problem !== null) {
    throw new MedusaImageError(
      'docker-down',
      `Cannot build the Medusa image: ${docker.problem ?? 'Docker is installed but not running.'}`,
    );
  }
  return docker.path;
}

async function usableK3d(tools: MedusaImageTools, cluster: string): Promise<string> {
  const k3d = await tools.k3d();
  if (k3d.ok && k3d.path !== null) return k3d.path;
  throw new MedusaImageError(
    'k3d-missing',
    k3d.path === null
      ? `Cannot load the Medusa image into the k3d cluster ${cluster}: k3d was not found on this computer. Install k3d (https://k3d.io), then retry.`
      : `Cannot load the Medusa image into the k3d cluster ${cluster}: k3d at ${k3d.path} did not answer as k3d does.`,
  );
}

/**
 * Makes sure the store's Medusa backend image is available to the context's cluster, and says
 * which one the release should use (see the header). Rejects with a MedusaImageError.
 */
export async function ensureMedusaImage(input: EnsureMedusaImageInput): Promise<MedusaImageResult> {
  if (input.signal?.aborted) throw cancelled();
  const named = imageFromValues(input.values);
  if (named.repository !== null && named.tag !== null) {
    const ref = `${named.repository}:${named.tag}`;
    return {
      repository: named.repository,
      tag: named.tag,
      pullPolicy: null,
      source: 'values',
      message: `Using the Medusa image ${ref} named in the values.`,
    };
  }
  const cluster = k3dClusterOfContext(input.context);
  if (cluster === null) throw new MedusaImageError('no-image', NO_IMAGE_MESSAGE);

  const projectDir =
    input.projectDir === undefined
      ? findMedusaProjectDir()
      : checkMedusaProjectDir(input.projectDir);
  const tag = await imageTag(projectDir).catch((error: unknown) => {
    throw new MedusaImageError(
      'project-missing',
      sentenceWith(
        'The Medusa backend project could not be read: ',
        error instanceof Error ? error.message : String(error),
      ),
      { cause: error },
    );
  });
  const ref = medusaImageRef(tag);
  const result = (source: 'cluster' | 'built', message: string): MedusaImageResult => ({
    repository: MEDUSA_IMAGE_REPOSITORY,
    tag,
    pullPolicy: 'IfNotPresent',
    source,
    message,
  });
  if (await everyNodeHolds(input, ref)) {
    return result('cluster', `The k3d cluster ${cluster} already holds the Medusa image ${ref}.`);
  }
  if (input.signal?.aborted) throw cancelled();

  const dockerPath = await usableDocker(input.tools);
  const k3dPath = await usableK3d(input.tools, cluster);
  const limits = input.limits ?? {};
  input.progress(`Building the Medusa image ${ref}; the first build takes several minutes.`);
  await dockerBuild({
    dockerPath,
    ref,
    projectDir,
    env: input.env,
    signal: input.signal,
    progress: input.progress,
    timeoutMs: limits.buildTimeoutMs ?? BUILD_TIMEOUT_MS,
    progressIntervalMs: limits.progressIntervalMs ?? PROGRESS_INTERVAL_MS,
  });
  input.progress(`Importing the Medusa image ${ref} into the k3d cluster ${cluster}.`);
  await k3dImport({
    k3dPath,
    ref,
    cluster,
    env: input.env,
    signal: input.signal,
    progress: input.progress,
    timeoutMs: limits.importTimeoutMs ?? IMPORT_TIMEOUT_MS,
  });
  return result(
    'built',
    `Built the Medusa image ${ref} and imported it into the k3d cluster ${cluster}.`,
  );
}
