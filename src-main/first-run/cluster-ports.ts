// The host port a context's stores answer on. k3d maps the web port of a cluster (80 on its load
// balancer, where Traefik listens) to a host port chosen at `k3d cluster create`; when that was
// not 80, store addresses must carry it (`http://<store>.localhost:8081`). The Kubernetes API does
// not know that port: it lives in docker's port bindings of the `k3d-<name>-serverlb` container.
// What can be known, in this order:
//   1. for a k3d context, what k3d says now: `k3d cluster list <name> -o json` lists the load
//      balancer node with docker's bindings (`portMappings: {"80/tcp": [{HostPort: "8081"}]}`);
//      this covers clusters made by hand as well as those the app made;
//   2. when k3d cannot answer (not installed, docker stopped), the port the app created that
//      cluster with, recorded in the data folder (cluster-ports.json);
//   3. otherwise (k3s, kind, any other cluster, or a k3d cluster with no mapping for 80) the
//      fallback port the app was started with, else the scheme's default (none in the address).
// What k3d says is learned asynchronously (when a context is selected, before a create, after a
// cluster is made) and kept, because a new store's address is fixed inside a transaction.
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { execa } from 'execa';
import { z } from 'zod';
import { k3dClusterOfContext } from './k3d-cluster';

const portSchema = z.number().int().min(1).max(65_535);
const recordedSchema = z.record(z.string(), portSchema);

// k3d 5: pkg/types/types.go (Node.Ports is docker's nat.PortMap, json "portMappings"; the load
// balancer's role is "loadbalancer"), filled from the container's HostConfig.PortBindings.
const k3dListSchema = z.array(
  z.object({
    name: z.string(),
    nodes: z
      .array(
        z.object({
          role: z.string().optional(),
          portMappings: z
            .record(
              z.string(),
              z
                .array(z.object({ HostIp: z.string().optional(), HostPort: z.string().optional() }))
                .nullable(),
            )
            .nullable()
            .optional(),
        }),
      )
      .nullable()
      .optional(),
  }),
);

/** The host port bound to port 80 of the cluster's load balancer in `k3d cluster list -o json`. */
export function loadBalancerHttpPort(listJson: string, cluster: string): number | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(listJson);
  } catch {
    return null;
  }
  const list = k3dListSchema.safeParse(parsed);
  if (!list.success) return null;
  const found = list.data.find((c) => c.name === cluster);
  for (const node of found?.nodes ?? []) {
    if (node.role !== 'loadbalancer') continue;
    for (const binding of node.portMappings?.['80/tcp'] ?? []) {
      const port = portSchema.safeParse(Number(binding.HostPort));
      if (port.success) return port.data;
    }
  }
  return null;
}

export interface ClusterPortsOptions {
  /** where the ports of clusters the app created are kept */
  file: string;
  /** the k3d binary, or null when there is none */
  k3dPath: () => Promise<string | null>;
  env?: NodeJS.ProcessEnv;
  /** for contexts whose port is not known; undefined = the scheme's default */
  fallback?: number;
  log?: (line: string) => void;
  timeoutMs?: number;
}

export class ClusterPorts {
  private readonly recorded: Record<string, number>;
  private readonly learned = new Map<string, number>();

  constructor(private readonly o: ClusterPortsOptions) {
    this.recorded = readRecorded(o.file, o.log);
  }

  /** The port in new store addresses of `context`; undefined = the scheme's default. */
  portFor(context: string): number | undefined {
    return this.learned.get(context) ?? this.recorded[context] ?? this.o.fallback;
  }

  /** Keeps the port the app created a cluster with, for when k3d cannot be asked later. */
  async record(context: string, port: number): Promise<void> {
    portSchema.parse(port);
    this.recorded[context] = port;
    this.learned.set(context, port);
    await mkdir(dirname(this.o.file), { recursive: true });
    const temporary = `${this.o.file}.tmp`;
    await writeFile(temporary, `${JSON.stringify(this.recorded, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.o.file);
  }

  /** Learns the port of a context once per run (a create asks; a selection asks again). */
  async ensure(context: string): Promise<number | undefined> {
    if (this.learned.has(context)) return this.portFor(context);
    return this.learn(context);
  }

  /** Asks k3d for the load balancer port of a k3d context; other contexts keep what is known. */
  async learn(context: string): Promise<number | undefined> {
    const cluster = k3dClusterOfContext(context);
    if (cluster === null) return this.portFor(context);
    const k3d = await this.o.k3dPath().catch(() => null);
    if (k3d === null) return this.portFor(context);
    const result = await execa(k3d, ['cluster', 'list', cluster, '-o', 'json'], {
      reject: false,
      env: this.o.env,
      stdin: 'ignore',
      timeout: this.o.timeoutMs ?? 15_000,
      windowsHide: true,
    });
    const port =
      result.exitCode === 0 && typeof result.stdout === 'string'
        ? loadBalancerHttpPort(result.stdout, cluster)
        : null;
    if (port === null) {
      this.o.log?.(`k3d did not tell the web port of ${context}; using what is known`);
      return this.portFor(context);
    }
    this.learned.set(context, port);
    return port;
  }
}

function readRecorded(file: string, log?: (line: string) => void): Record<string, number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = recordedSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { ...parsed.data };
  } catch {
    // falls through: an unreadable file is the same as none
  }
  log?.(`${file} is not a list of cluster ports; starting without it`);
  return {};
}
