// "What is there": Docker (and whether its daemon answers), k3d, Helm and kubectl with their
// versions, each with why Storefleet wants it and the install step for this system.
import type { SetupTool, SystemCheck, ToolInfo } from '../../src-shared/types/service-types';
import { dockerStatus } from '../tools/docker-status';
import type { DockerStatus } from '../tools/docker-status';
import { findTool } from '../tools/find-tool';
import { helmAsset } from '../tools/helm-release';
import { CREATE_CLUSTER_COMMAND, PURPOSE, hostOs, installStep } from './install-steps';

export interface SystemCheckDeps {
  platform?: NodeJS.Platform;
  arch?: string;
  env?: NodeJS.ProcessEnv;
  /** the app's Helm lookup (configured path, PATH, usual folders) */
  findHelm: () => Promise<ToolInfo>;
  findTool?: (name: 'k3d' | 'kubectl') => Promise<ToolInfo>;
  docker?: () => Promise<DockerStatus>;
  now?: () => Date;
}

function fromToolInfo(info: ToolInfo, os: SystemCheck['os']): SetupTool {
  const meta = PURPOSE[info.name];
  const step = installStep(info.name, os);
  let problem: string | null = null;
  if (!info.ok) {
    // findTool's own text names the folders it searched; the screen says it shorter.
    problem = info.path
      ? (info.problem ?? `${meta.label} at ${info.path} cannot be used.`)
      : `${meta.label} was not found on this computer.`;
  }
  return {
    name: info.name,
    label: meta.label,
    path: info.path,
    version: info.version,
    ok: info.ok,
    problem,
    purpose: meta.purpose,
    required: meta.required,
    ...step,
  };
}

function fromDocker(status: DockerStatus, os: SystemCheck['os']): SetupTool {
  const meta = PURPOSE.docker;
  const stopped = status.path !== null && !status.daemonRunning;
  return {
    name: 'docker',
    label: meta.label,
    path: status.path,
    version: status.clientVersion,
    ok: status.path !== null && status.daemonRunning,
    daemonRunning: status.path === null ? null : status.daemonRunning,
    problem: status.problem,
    purpose: meta.purpose,
    required: meta.required,
    ...installStep('docker', os, { dockerStopped: stopped }),
  };
}

export async function systemCheck(deps: SystemCheckDeps): Promise<SystemCheck> {
  const platform = deps.platform ?? process.platform;
  const env = deps.env ?? process.env;
  const os = hostOs(platform);
  const find = deps.findTool ?? ((name: 'k3d' | 'kubectl') => findTool(name, { env }));
  const [docker, k3d, helm, kubectl] = await Promise.all([
    (deps.docker ?? (() => dockerStatus({ env, platform })))(),
    find('k3d'),
    deps.findHelm(),
    find('kubectl'),
  ]);
  const asset = helmAsset(platform, deps.arch ?? process.arch);
  return {
    os,
    tools: [
      fromDocker(docker, os),
      fromToolInfo(k3d, os),
      fromToolInfo(helm, os),
      fromToolInfo(kubectl, os),
    ],
    helmDownload: asset ? { version: asset.version } : null,
    createClusterCommand: CREATE_CLUSTER_COMMAND,
    checkedAt: (deps.now?.() ?? new Date()).toISOString(),
  };
}
