import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { danglingReference } from '../kube/kube-target';
import type { KubeContextInfo } from '../../src-shared/types/service-types';
import { classifyContext, isLocalServer } from './classify-context';

export interface KubeconfigError {
  file: string;
  message: string;
}

export interface ContextList {
  contexts: KubeContextInfo[];
  errors: KubeconfigError[];
}

// Only the fields Storefleet reads; of users only the names, never their credentials.
const namedCluster = z.object({
  name: z.string().min(1),
  cluster: z.object({ server: z.string().optional().default('') }).passthrough(),
});
const namedContext = z.object({
  name: z.string().min(1),
  context: z
    .object({
      cluster: z.string().optional().default(''),
      user: z.string().optional().default(''),
    })
    .passthrough(),
});
const namedUser = z.object({ name: z.string().min(1) });
const kubeconfigShape = z.object({
  clusters: z.array(z.unknown()).nullish(),
  contexts: z.array(z.unknown()).nullish(),
  users: z.array(z.unknown()).nullish(),
  'current-context': z.string().nullish(),
});

interface ParsedContext {
  name: string;
  cluster: string;
  user: string;
}

interface ParsedFile {
  file: string;
  current: string | null;
  clusters: Map<string, string>;
  users: Set<string>;
  contexts: ParsedContext[];
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

function readError(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'EACCES' || code === 'EPERM') return 'Storefleet may not read this file.';
  if (code === 'EISDIR') return 'This is a directory, not a kubeconfig file.';
  return `This file could not be read (${code || 'unknown error'}).`;
}

async function parseFile(file: string, errors: KubeconfigError[]): Promise<ParsedFile | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!isMissing(error)) errors.push({ file, message: readError(error) });
    return null;
  }
  const doc = parseDocument(text);
  const yamlError = doc.errors[0];
  if (yamlError) {
    // The parser's own message quotes the offending line, which may hold a token: only say where.
    const at = yamlError.linePos?.[0];
    const where = at ? ` at line ${at.line}, column ${at.col}` : '';
    errors.push({ file, message: `This file is not valid YAML${where}.` });
    return null;
  }
  const root: unknown = doc.toJS();
  if (root === null || root === undefined) {
    return { file, current: null, clusters: new Map(), users: new Set(), contexts: [] };
  }
  const shape = kubeconfigShape.safeParse(root);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    const field = issue?.path.join('.') || 'the top level';
    errors.push({ file, message: `This is not a kubeconfig file: ${field} has the wrong type.` });
    return null;
  }

  const clusters = new Map<string, string>();
  for (const [index, entry] of (shape.data.clusters ?? []).entries()) {
    const parsed = namedCluster.safeParse(entry);
    if (!parsed.success) {
      errors.push({ file, message: `Cluster entry ${index + 1} has no name or no cluster.` });
    } else if (!clusters.has(parsed.data.name)) {
      clusters.set(parsed.data.name, parsed.data.cluster.server);
    }
  }
  const users = new Set<string>();
  for (const entry of shape.data.users ?? []) {
    // A user entry without a name cannot be referred to; client-node and kubectl report it.
    const parsed = namedUser.safeParse(entry);
    if (parsed.success) users.add(parsed.data.name);
  }
  const contexts: ParsedContext[] = [];
  for (const [index, entry] of (shape.data.contexts ?? []).entries()) {
    const parsed = namedContext.safeParse(entry);
    if (parsed.success) {
      const { cluster, user } = parsed.data.context;
      contexts.push({ name: parsed.data.name, cluster, user });
    } else {
      errors.push({ file, message: `Context entry ${index + 1} has no name or no context.` });
    }
  }
  return { file, current: shape.data['current-context'] || null, clusters, users, contexts };
}

async function parseFiles(
  paths: string[],
): Promise<{ files: ParsedFile[]; errors: KubeconfigError[] }> {
  const errors: KubeconfigError[] = [];
  const files = (await Promise.all(paths.map((file) => parseFile(file, errors)))).filter(
    (parsed): parsed is ParsedFile => parsed !== null,
  );
  // Promise.all keeps input order, but errors were pushed as reads finished.
  errors.sort((a, b) => paths.indexOf(a.file) - paths.indexOf(b.file));
  return { files, errors };
}

/**
 * Every context in the given kubeconfig files, merged the way kubectl merges them: the first
 * file to define a name wins, and so does the first file that sets current-context. A broken
 * file is reported in `errors` and the others are still listed; a missing file is skipped.
 */
export async function listContexts(paths: string[]): Promise<ContextList> {
  const { files, errors } = await parseFiles(paths);
  const current = files.find((f) => f.current !== null)?.current ?? null;
  const allClusters = new Map<string, string>();
  for (const f of files) {
    for (const [name, server] of f.clusters)
      if (!allClusters.has(name)) allClusters.set(name, server);
  }

  const seen = new Set<string>();
  const contexts: KubeContextInfo[] = [];
  for (const f of files) {
    for (const ctx of f.contexts) {
      if (seen.has(ctx.name)) continue;
      seen.add(ctx.name);
      // A context may name a cluster from another file; kubectl resolves it after merging.
      const server = f.clusters.get(ctx.cluster) ?? allClusters.get(ctx.cluster) ?? '';
      const info = { name: ctx.name, cluster: ctx.cluster, server, file: f.file };
      contexts.push({
        ...info,
        kind: classifyContext(info),
        current: ctx.name === current,
        local: isLocalServer(server),
      });
    }
  }
  return { contexts, errors };
}

export interface ContextFiles {
  /**
   * The files kubectl's merged view takes the context, its cluster and its user from (each
   * from the first file that defines the name), in KUBECONFIG order without repeats.
   */
  files: string[];
  /** why the context cannot be used (a cluster or user entry no file defines), or null */
  problem: string | null;
}

/**
 * Where a context's pieces live once the files are merged as kubectl merges them, or null when
 * no file defines the context. Only the files involved are named, so a broken or unrelated
 * file elsewhere in KUBECONFIG does not get in the way.
 */
export async function contextFiles(paths: string[], context: string): Promise<ContextFiles | null> {
  const { files } = await parseFiles(paths);
  const defined = files
    .flatMap((f) => f.contexts.map((ctx) => ({ file: f.file, ctx })))
    .find(({ ctx }) => ctx.name === context);
  if (!defined) return null;
  const { cluster, user } = defined.ctx;
  const involved = new Set([defined.file]);
  const problems: string[] = [];
  if (cluster) {
    const clusterFile = files.find((f) => f.clusters.has(cluster));
    if (clusterFile) involved.add(clusterFile.file);
    else problems.push(danglingReference(context, 'cluster', cluster));
  }
  if (user) {
    const userFile = files.find((f) => f.users.has(user));
    if (userFile) involved.add(userFile.file);
    else problems.push(danglingReference(context, 'user', user));
  }
  return {
    files: files.map((f) => f.file).filter((file) => involved.has(file)),
    problem: problems[0] ?? null,
  };
}
