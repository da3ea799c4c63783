import type { StoreRef } from './driver';
import { isDnsSubdomain } from '../../src-shared/rules/dns-label';
import { STORE_ID_PROBLEM, isStoreId } from '../../src-shared/rules/store-id-rule';
import { storeNameProblem } from '../../src-shared/rules/store-name-rule';

/** Parts every store kind's values builder shares: per-store keys, their paths and checks. */

/** One value a store keeps per store, and where it goes in the chart's values. */
export interface ExtraKey {
  /** where the value goes in the chart's values */
  path: readonly string[];
  check: (value: string) => boolean;
  expected: string;
  convert?: (value: string) => unknown;
}

function isBoolean(value: string): boolean {
  return value === 'true' || value === 'false';
}

/** `stopped`: every chart scales its workloads to zero under store.stopped. */
export const STOPPED_KEY: ExtraKey = {
  path: ['store', 'stopped'],
  check: isBoolean,
  expected: 'true or false',
  convert: (value) => value === 'true',
};

export function getPath(source: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = source;
  for (const key of path) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function setPath(
  target: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next && typeof next === 'object' && !Array.isArray(next)) {
      node = next as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[path[path.length - 1] as string] = value;
}

/**
 * The settings named by `keys` found in a release's values, as buildValues takes them back. An
 * allow-list: everything else in those values, the secrets first, is left behind.
 */
export function settingsIn(
  values: Record<string, unknown>,
  specs: Record<string, ExtraKey>,
  keys: readonly string[] = Object.keys(specs),
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const spec = specs[key] as ExtraKey;
    const value = getPath(values, spec.path);
    const text = typeof value === 'boolean' || typeof value === 'string' ? String(value) : null;
    if (text !== null && text !== '' && spec.check(text)) out[key] = text;
  }
  return out;
}

/** The store's name and id fit its release and labels; its host has a dot, as charts insist. */
export function checkStoreAndHost(store: StoreRef, host: string): void {
  const nameProblem = storeNameProblem(store.name);
  if (nameProblem) {
    throw new Error(
      `store name "${store.name}" cannot name a release (a DNS-1123 label): ${nameProblem}`,
    );
  }
  if (!isStoreId(store.id)) {
    throw new Error(
      `store id "${store.id}" is not a valid Kubernetes label value: ${STORE_ID_PROBLEM}`,
    );
  }
  // A store host is always <name>.<domain>.
  if (!isDnsSubdomain(host, { minLabels: 2 }))
    throw new Error(`"${host}" is not a valid host name`);
}

/** The per-store values checked against `specs`; `refused` says why an unknown key is. */
export function checkExtra(
  extra: Record<string, string> | undefined,
  specs: Record<string, ExtraKey>,
  refused: (key: string) => string,
): [string, string][] {
  const entries = Object.entries(extra ?? {});
  for (const [key, value] of entries) {
    const spec = specs[key];
    if (!spec) throw new Error(refused(key));
    if (!spec.check(value)) throw new Error(`${key} must be ${spec.expected}`);
  }
  return entries;
}

/** Checked per-store values set at their paths in `values`. */
export function applyExtra(
  values: Record<string, unknown>,
  entries: readonly [string, string][],
  specs: Record<string, ExtraKey>,
): void {
  for (const [key, value] of entries) {
    const spec = specs[key] as ExtraKey;
    setPath(values, spec.path, spec.convert ? spec.convert(value) : value);
  }
}
