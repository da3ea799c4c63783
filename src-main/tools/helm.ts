import { delimiter } from 'node:path';
import { z } from 'zod';
import { kubeconfigFiles } from '../kube/kube-target';
import type { KubeTarget } from '../kube/kube-target';
import type { HelmReleaseRevision } from '../../src-shared/types/service-types';
import { runCommand } from './exec';
import { describeCommand } from './redact';
import { ToolError, isToolError } from './tool-error';
import { DNS_LABEL_MAX_LENGTH, isDnsLabel, isDnsSubdomain } from '../../src-shared/rules/dns-label';

export type { KubeTarget } from '../kube/kube-target';

export interface HelmReleaseStatus {
  name: string;
  namespace: string;
  revision: number;
  status: string;
}

export interface HelmCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface UpgradeInstallOptions extends HelmCallOptions {
  release: string;
  namespace: string;
  chart: string;
  /**
   * Values files in the order Helm merges them. "-" stands for `valuesYaml`, which Helm reads
   * from its standard input, so values holding passwords never touch the disk.
   */
  valuesFiles: string[];
  valuesYaml?: string;
  /** secret values inside the values files, scrubbed from any error */
  redact?: readonly string[];
}

export const HELM_HISTORY_MAX = 10;
/** the values file name that makes Helm read values from its standard input */
export const STDIN_VALUES = '-';
const CHANGE_TIMEOUT_MS = 5 * 60_000;
const QUERY_TIMEOUT_MS = 30_000;

// Helm's own limit for release names, which are DNS-1123 subdomains; namespaces are labels.
const RELEASE_NAME_MAX_LENGTH = 53;

const historySchema = z.array(
  z.object({
    revision: z.number().int(),
    updated: z.string(),
    status: z.string(),
    chart: z.string(),
    app_version: z.string().optional().default(''),
    description: z.string().optional().default(''),
  }),
);
const statusSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  version: z.number().int(),
  info: z.object({ status: z.string() }),
});
// A release installed without values prints `null` (or nothing, which parse() reads as []).
const valuesSchema = z.union([z.record(z.string(), z.unknown()), z.null(), z.tuple([])]);

function checkName(kind: 'release' | 'namespace', value: string): void {
  const max = kind === 'release' ? RELEASE_NAME_MAX_LENGTH : DNS_LABEL_MAX_LENGTH;
  const valid = kind === 'release' ? isDnsSubdomain(value, { maxLength: max }) : isDnsLabel(value);
  if (!valid) {
    throw new ToolError({
      code: 'failed',
      command: 'helm',
      message:
        `"${value}" is not a valid Helm ${kind} name: use lowercase letters, digits and "-", ` +
        `starting and ending with a letter or digit (at most ${max} characters).`,
    });
  }
}

/**
 * How Helm is pointed at a target: always an explicit --kube-context. One kubeconfig file goes
 * in --kubeconfig; several go in the child's KUBECONFIG (that flag takes a single path, the
 * variable takes a list that Helm merges the way kubectl does).
 */
export function helmKubeOptions(target: KubeTarget): {
  args: string[];
  env: Record<string, string> | undefined;
} {
  const files = kubeconfigFiles(target);
  if (files.length === 0) {
    // An empty KUBECONFIG would send Helm to ~/.kube/config, which nobody asked for.
    throw new ToolError({
      code: 'failed',
      command: 'helm',
      message: `No kubeconfig file was given for the kube context "${target.context}".`,
    });
  }
  const context = ['--kube-context', target.context];
  const only = files.length === 1 ? files[0] : undefined;
  if (only !== undefined) return { args: [...context, '--kubeconfig', only], env: undefined };
  return { args: context, env: { KUBECONFIG: files.join(delimiter) } };
}

function seconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))}s`;
}

export class HelmClient {
  private readonly helmPath: string;
  private readonly target: KubeTarget;

  constructor(opts: { helmPath: string; target: KubeTarget }) {
    this.helmPath = opts.helmPath;
    this.target = opts.target;
  }

  /** Install or upgrade without waiting for workloads; the caller watches readiness itself. */
  async upgradeInstall(o: UpgradeInstallOptions): Promise<void> {
    checkName('release', o.release);
    checkName('namespace', o.namespace);
    const stdinFiles = o.valuesFiles.filter((file) => file === STDIN_VALUES).length;
    if (stdinFiles !== (o.valuesYaml === undefined ? 0 : 1)) {
      throw new ToolError({
        code: 'failed',
        command: 'helm',
        message:
          'Values for Helm\'s standard input must be named exactly once as "-" among the values files.',
      });
    }
    const timeoutMs = o.timeoutMs ?? CHANGE_TIMEOUT_MS;
    await this.run(
      [
        'upgrade',
        '--install',
        o.release,
        o.chart,
        '--namespace',
        o.namespace,
        '--history-max',
        String(HELM_HISTORY_MAX),
        // Client-side OpenAPI validation downloads and parses the cluster's whole OpenAPI
        // document on every run: about 60% of Helm's CPU time for a store (0.95 s → 0.37 s
        // measured on 2 cores), which is what limits stores provisioned side by side. The
        // chart is checked by its values schema, `helm lint --strict` and server-side dry runs
        // in its tests, and the API server still validates every object it is sent.
        '--disable-openapi-validation',
        // Hooks are the only thing Helm waits for without --wait.
        '--timeout',
        seconds(timeoutMs),
        ...o.valuesFiles.flatMap((file) => ['--values', file]),
      ],
      { signal: o.signal, timeoutMs, redact: o.redact, input: o.valuesYaml },
    );
  }

  /** Removes a release; one that does not exist counts as removed. */
  async uninstall(release: string, namespace: string, o: HelmCallOptions = {}): Promise<void> {
    checkName('release', release);
    checkName('namespace', namespace);
    const timeoutMs = o.timeoutMs ?? CHANGE_TIMEOUT_MS;
    try {
      await this.run(
        ['uninstall', release, '--namespace', namespace, '--timeout', seconds(timeoutMs)],
        { signal: o.signal, timeoutMs },
      );
    } catch (error) {
      if (!isToolError(error, 'release-not-found')) throw error;
    }
  }

  async history(release: string, namespace: string): Promise<HelmReleaseRevision[]> {
    checkName('release', release);
    checkName('namespace', namespace);
    const args = ['history', release, '--namespace', namespace, '--max', '256', '-o', 'json'];
    const rows = this.parse(historySchema, args, await this.run(args));
    return rows.map((row) => ({
      revision: row.revision,
      updated: row.updated,
      status: row.status,
      chart: row.chart,
      appVersion: row.app_version,
      description: row.description,
    }));
  }

  async rollback(
    release: string,
    namespace: string,
    revision: number,
    o: HelmCallOptions = {},
  ): Promise<void> {
    checkName('release', release);
    checkName('namespace', namespace);
    if (!Number.isSafeInteger(revision) || revision < 1) {
      throw new ToolError({
        code: 'failed',
        command: 'helm',
        message: `Revision ${String(revision)} is not a valid Helm revision: use a whole number from 1.`,
      });
    }
    const timeoutMs = o.timeoutMs ?? CHANGE_TIMEOUT_MS;
    await this.run(
      [
        'rollback',
        release,
        String(revision),
        '--namespace',
        namespace,
        '--history-max',
        String(HELM_HISTORY_MAX),
        '--timeout',
        seconds(timeoutMs),
      ],
      { signal: o.signal, timeoutMs },
    );
  }

  /** The release's latest revision and status, or null when there is no such release. */
  async status(release: string, namespace: string): Promise<HelmReleaseStatus | null> {
    checkName('release', release);
    checkName('namespace', namespace);
    const args = ['status', release, '--namespace', namespace, '-o', 'json'];
    let stdout: string;
    try {
      stdout = await this.run(args);
    } catch (error) {
      if (isToolError(error, 'release-not-found')) return null;
      throw error;
    }
    const parsed = this.parse(statusSchema, args, stdout);
    return {
      name: parsed.name,
      namespace: parsed.namespace,
      revision: parsed.version,
      status: parsed.info.status,
    };
  }

  /**
   * The values a revision was installed with (the latest when no revision is given). They hold
   * the store's passwords: callers keep only the keys they need and never log the rest.
   */
  async getValues(
    release: string,
    namespace: string,
    revision?: number,
  ): Promise<Record<string, unknown>> {
    checkName('release', release);
    checkName('namespace', namespace);
    const at = revision === undefined ? [] : ['--revision', String(revision)];
    const args = ['get', 'values', release, '--namespace', namespace, ...at, '-o', 'json'];
    const values = this.parse(valuesSchema, args, await this.run(args));
    return values === null || Array.isArray(values) ? {} : values;
  }

  private async run(
    args: string[],
    o: HelmCallOptions & { redact?: readonly string[]; input?: string } = {},
  ): Promise<string> {
    const kube = helmKubeOptions(this.target);
    const result = await runCommand(this.helmPath, [...args, ...kube.args], {
      timeoutMs: o.timeoutMs ?? QUERY_TIMEOUT_MS,
      signal: o.signal,
      redact: o.redact,
      input: o.input,
      env: kube.env,
    });
    return result.stdout;
  }

  private parse<T>(schema: z.ZodType<T>, args: string[], stdout: string): T {
    const command = describeCommand(this.helmPath, args);
    let json: unknown;
    try {
      // An empty list is printed as nothing at all by some Helm versions.
      json = stdout.trim() === '' ? [] : JSON.parse(stdout);
    } catch {
      throw new ToolError({
        code: 'failed',
        command,
        message: `helm ${args[0] ?? ''} printed output that is not JSON; check that ${this.helmPath} is Helm 3.12 or newer.`,
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? ` (${issue.path.join('.') || 'top level'}: ${issue.message})` : '';
      throw new ToolError({
        code: 'failed',
        command,
        message: `helm ${args[0] ?? ''} printed JSON in an unexpected shape${where}; check that ${this.helmPath} is Helm 3.12 or newer.`,
      });
    }
    return parsed.data;
  }
}
