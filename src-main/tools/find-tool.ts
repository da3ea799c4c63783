import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { z } from 'zod';
import type { ToolInfo } from '../../src-shared/types/service-types';
import { runCommand } from './exec';
import { isToolError } from './tool-error';
import { usualToolDirs } from './usual-tool-dirs';

export type ToolName = ToolInfo['name'];

/** Oldest Helm whose flags and `-o json` output Storefleet relies on. */
export const MIN_HELM_VERSION = { major: 3, minor: 12 } as const;
const VERSION_TIMEOUT_MS = 10_000;

const INSTALL_HINT: Record<ToolName, string> = {
  helm: 'Install Helm 3.12 or newer (https://helm.sh/docs/intro/install/) or set its path in Settings.',
  kubectl:
    'Install kubectl (https://kubernetes.io/docs/tasks/tools/) if you want it for troubleshooting; Storefleet itself does not need it.',
  k3d: 'Install k3d (https://k3d.io) to create local clusters; Storefleet can use any existing cluster without it.',
};

/** The arguments that make each tool print its version. */
export const VERSION_ARGS: Readonly<Record<ToolName, readonly string[]>> = {
  helm: ['version', '--template', '{{.Version}}'],
  kubectl: ['version', '--client', '-o', 'json'],
  k3d: ['version'],
};

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.+-]*)?$/;
const kubectlVersionSchema = z.object({
  clientVersion: z.object({ gitVersion: z.string().regex(SEMVER) }),
});

/** Reads the tool's version from its version command output; null when it is not recognisable. */
export function parseToolVersion(name: ToolName, stdout: string): string | null {
  const text = stdout.trim();
  if (name === 'helm') return SEMVER.test(text) ? text : null;
  if (name === 'k3d') return /^k3d version (v\d+\.\d+\.\d+\S*)/m.exec(text)?.[1] ?? null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = kubectlVersionSchema.safeParse(json);
  return parsed.success ? parsed.data.clientVersion.gitVersion : null;
}

export function isSupportedHelm(version: string): boolean {
  const match = SEMVER.exec(version);
  if (!match) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return (
    major > MIN_HELM_VERSION.major ||
    (major === MIN_HELM_VERSION.major && minor >= MIN_HELM_VERSION.minor)
  );
}

export function executableNames(name: string, env: NodeJS.ProcessEnv): string[] {
  if (process.platform !== 'win32') return [name];
  const exts = (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean);
  return [name, ...exts.map((ext) => name + ext.toLowerCase())];
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pathDirs(env: NodeJS.ProcessEnv): string[] {
  return (env.PATH ?? env.Path ?? '').split(delimiter).filter((dir) => dir.length > 0);
}

/**
 * Candidate paths in search order: the configured file (or directory), then every PATH entry,
 * then the usual folders of package managers (usual-tool-dirs.ts) that the PATH lacks.
 */
export function candidatePaths(
  name: ToolName,
  configuredPath: string | null | undefined,
  env: NodeJS.ProcessEnv,
  usualDirs: readonly string[] = [],
): string[] {
  const names = executableNames(name, env);
  const candidates: string[] = [];
  if (configuredPath) candidates.push(configuredPath, ...names.map((n) => join(configuredPath, n)));
  for (const dir of [...pathDirs(env), ...usualDirs]) {
    candidates.push(...names.map((n) => join(dir, n)));
  }
  return [...new Set(candidates)];
}

function missing(
  name: ToolName,
  configuredPath: string | null | undefined,
  env: NodeJS.ProcessEnv,
  usualDirs: readonly string[],
): ToolInfo {
  const where = configuredPath
    ? `${name} was not found at ${configuredPath} nor on the PATH.`
    : `${name} was not found on the PATH.`;
  const path = pathDirs(env);
  const others = usualDirs.filter((dir) => !path.includes(dir));
  const looked = [`the PATH (${path.length > 0 ? path.join(delimiter) : 'empty'})`, ...others].join(
    ', ',
  );
  return {
    name,
    path: null,
    version: null,
    ok: false,
    problem: `${where} ${INSTALL_HINT[name]} Looked in: ${looked}.`,
  };
}

/**
 * Finds a tool and checks its version; never throws, problems come back as a sentence.
 * `usualDirs` replaces the folders searched after the PATH (by default usualToolDirs()).
 */
export async function findTool(
  name: ToolName,
  opts: {
    configuredPath?: string | null;
    env?: NodeJS.ProcessEnv;
    usualDirs?: readonly string[];
  } = {},
): Promise<ToolInfo> {
  const env = opts.env ?? process.env;
  const usualDirs = opts.usualDirs ?? usualToolDirs(process.platform, env);
  let path: string | null = null;
  for (const candidate of candidatePaths(name, opts.configuredPath, env, usualDirs)) {
    if (await isExecutableFile(candidate)) {
      path = candidate;
      break;
    }
  }
  if (path === null) return missing(name, opts.configuredPath, env, usualDirs);

  const fail = (problem: string, version: string | null = null): ToolInfo => ({
    name,
    path,
    version,
    ok: false,
    problem,
  });
  let stdout: string;
  try {
    ({ stdout } = await runCommand(path, VERSION_ARGS[name], {
      timeoutMs: VERSION_TIMEOUT_MS,
      env,
    }));
  } catch (error) {
    const reason = isToolError(error) ? error.message : String(error);
    return fail(
      `${name} at ${path} did not report its version (${reason}). Reinstall it or set another path in Settings.`,
    );
  }
  const version = parseToolVersion(name, stdout);
  if (version === null) {
    return fail(
      `${name} at ${path} printed a version Storefleet cannot read. Reinstall it or set another path in Settings.`,
    );
  }
  if (name === 'helm' && !isSupportedHelm(version)) {
    return fail(
      `Helm ${version} at ${path} is too old: Storefleet needs Helm ${MIN_HELM_VERSION.major}.${MIN_HELM_VERSION.minor} or newer. ${INSTALL_HINT.helm}`,
      version,
    );
  }
  return { name, path, version, ok: true, problem: null };
}
