// Shared helpers for the chart's tests: find the helm binary, write values files into a
// temp dir that is always removed, render the chart and parse the manifests.
import { randomBytes } from 'node:crypto';
import { access, constants, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { parseAllDocuments, stringify } from 'yaml';
import { toolchainHelm } from '../../../test-rig/cluster/toolchain';

const here = fileURLToPath(new URL('.', import.meta.url));
export const REPO_ROOT = resolve(here, '../../..');
export const CHART_DIR = resolve(here, '..');
export const VALUES_LOCAL = join(REPO_ROOT, 'helm-values/values-local.yaml');
export const VALUES_PROD = join(REPO_ROOT, 'helm-values/values-prod.yaml');

// Interfaces such as StoreValues are not assignable to Record<string, unknown>.
export type Values = object;

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

export interface StoreValues {
  store: { id: string; name: string };
  ingress: { host: string };
  secrets: { mariadbRootPassword: string; mariadbPassword: string; wordpressAdminPassword: string };
}

/** Per-store values as the installer passes them: fresh random passwords every call. */
export function storeValues(
  name = 'shop1',
  id = `st-${randomBytes(4).toString('hex')}`,
): StoreValues {
  const password = (): string => randomBytes(18).toString('base64url');
  return {
    store: { id, name },
    ingress: { host: `${name}.localhost` },
    secrets: {
      mariadbRootPassword: password(),
      mariadbPassword: password(),
      wordpressAdminPassword: password(),
    },
  };
}

export function passwordsOf(values: StoreValues): string[] {
  return Object.values(values.secrets);
}

let helmPath: Promise<string> | undefined;

/** The helm binary: $STOREFLEET_HELM, else the one in the test toolchain. */
export function helmBinary(): Promise<string> {
  helmPath ??= (async () => {
    const path = toolchainHelm();
    await access(path, constants.X_OK).catch(() => {
      throw new Error(
        `helm not found at ${path}: run \`npm run toolchain\` or set STOREFLEET_HELM to a helm 3 binary`,
      );
    });
    return path;
  })();
  return helmPath;
}

export interface HelmResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs helm; resolves with the exit code instead of throwing so tests can assert on failures. */
export async function helm(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<HelmResult> {
  const result = await execa(await helmBinary(), args, {
    reject: false,
    timeout: 120_000,
    env,
    stdin: 'ignore',
  });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Writes each values object to its own file in a temp dir that is removed afterwards. */
export async function withValuesFiles<T>(
  values: readonly Values[],
  use: (files: string[]) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'storefleet-chart-'));
  try {
    const files: string[] = [];
    for (const [index, value] of values.entries()) {
      const file = join(dir, `values-${index}.yaml`);
      await writeFile(file, stringify(value), { mode: 0o600 });
      files.push(file);
    }
    return await use(files);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function valuesArgs(files: readonly string[]): string[] {
  return files.flatMap((file) => ['--values', file]);
}

export interface RenderOptions {
  release?: string;
  namespace?: string;
  /** values files from the repository, applied first (e.g. VALUES_LOCAL) */
  valuesFiles?: readonly string[];
  /** values objects, applied after the files in order */
  values?: readonly Values[];
  /** further helm arguments, e.g. --skip-schema-validation */
  extraArgs?: readonly string[];
}

/**
 * `helm template` of the chart in `chartDir` with the given values; resolves with the raw result,
 * never throws on exit code. Each chart's tests render through it.
 */
export async function templateChart(
  chartDir: string,
  opts: RenderOptions = {},
): Promise<HelmResult> {
  return withValuesFiles(opts.values ?? [], (files) =>
    helm([
      'template',
      opts.release ?? 'shop1',
      chartDir,
      '--namespace',
      opts.namespace ?? 'store-shop1',
      ...valuesArgs([...(opts.valuesFiles ?? []), ...files]),
      ...(opts.extraArgs ?? []),
    ]),
  );
}

/** `helm template` of this chart (see templateChart). */
export async function template(opts: RenderOptions = {}): Promise<HelmResult> {
  return templateChart(CHART_DIR, opts);
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0)
        throw new Error(`rendered YAML does not parse: ${doc.errors[0]?.message}`);
      return doc.toJS() as unknown;
    })
    .filter((obj): obj is K8sObject => typeof obj === 'object' && obj !== null && 'kind' in obj);
}

/** Renders the chart and parses every object; rejects with helm's message when rendering fails. */
export async function render(opts: RenderOptions = {}): Promise<K8sObject[]> {
  const result = await template(opts);
  if (result.exitCode !== 0) throw new Error(result.stderr.trim());
  return parseManifests(result.stdout);
}

/** True when `actual` is `name`, or, for a Job, `name` followed by the hash of its spec. */
function namedAs(kind: string, name: string, actual: string): boolean {
  if (actual === name) return true;
  return kind === 'Job' && new RegExp(`^${name}-[0-9a-f]{8}$`).test(actual);
}

/** The object of that kind and name; a Job is found by its stem (its name is `<stem>-<hash>`). */
export function findObject(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && namedAs(kind, name, o.metadata.name));
  if (!found)
    throw new Error(
      `no ${kind} ${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`,
    );
  return found;
}
