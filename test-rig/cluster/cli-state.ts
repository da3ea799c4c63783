import { readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { TestClusterInfo } from './types';

/** Where `cluster:up` keeps its one long-running cluster. */
export function clusterHome(): string {
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return process.env.STOREFLEET_CLUSTER_DIR ?? join(cache, 'storefleet', 'cluster');
}

export interface SupervisorState {
  pid: number;
  status: 'starting' | 'ready' | 'failed';
  cluster?: TestClusterInfo;
  error?: string;
}

const stateFile = (dir: string) => join(dir, 'supervisor.json');

export async function readState(dir: string): Promise<SupervisorState | undefined> {
  const text = await readFile(stateFile(dir), 'utf8').catch(() => undefined);
  return text ? (JSON.parse(text) as SupervisorState) : undefined;
}

export async function writeState(dir: string, state: SupervisorState): Promise<void> {
  // Written whole, then renamed, so a reader never sees half a file.
  const tmp = `${stateFile(dir)}.tmp`;
  await writeFile(tmp, JSON.stringify(state));
  await rename(tmp, stateFile(dir));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
