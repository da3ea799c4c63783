import type { CreateStoreInput } from '../../src-shared/types/service-types';
import type { StoreKind } from '../../src-shared/types/store-types';
import { invalidArgument } from './engine-error';
import {
  WORDPRESS_IMAGE_TAG_PATTERN,
  WORDPRESS_IMAGE_TAG_PROBLEM,
} from '../../src-shared/rules/image-tag-rule';

export const MAX_STORE_NAME_LENGTH = 40;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_ID_LENGTH = 100;
const MAX_CONTEXT_LENGTH = 253;

/** Throws unless `name` can be a store name: it becomes part of a namespace, a host and a release. */
export function validateStoreName(name: unknown): string {
  if (typeof name !== 'string') throw invalidArgument('The store name must be text.');
  if (name.length === 0) throw invalidArgument('The store name must not be empty.');
  if (name.length > MAX_STORE_NAME_LENGTH) {
    throw invalidArgument(
      `The store name must be at most ${MAX_STORE_NAME_LENGTH} characters (it has ${name.length}).`,
    );
  }
  if (!DNS_LABEL.test(name)) {
    throw invalidArgument(
      'The store name may use only lower-case letters, digits and "-", and must start and end with a letter or digit.',
    );
  }
  return name;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validateContext(context: unknown): string {
  if (typeof context !== 'string' || context.trim().length === 0) {
    throw invalidArgument('A Kubernetes context must be given as non-empty text.');
  }
  if (context.length > MAX_CONTEXT_LENGTH) throw invalidArgument('The context name is too long.');
  return context;
}

export function validateStoreId(storeId: unknown): string {
  if (typeof storeId !== 'string' || storeId.length === 0 || storeId.length > MAX_ID_LENGTH) {
    throw invalidArgument('A store id must be non-empty text.');
  }
  return storeId;
}

/** Checks the shape only; whether the kind can be provisioned is the engine's call. */
export function parseCreateInput(input: unknown, knownKinds: readonly string[]): CreateStoreInput {
  if (!isRecord(input)) throw invalidArgument('Creating a store needs { context, name, kind }.');
  const context = validateContext(input.context);
  const name = validateStoreName(input.name);
  if (typeof input.kind !== 'string' || !knownKinds.includes(input.kind)) {
    throw invalidArgument(
      `Unknown store kind ${JSON.stringify(input.kind)}; known kinds: ${knownKinds.join(', ')}.`,
    );
  }
  return { context, name, kind: input.kind as StoreKind };
}

export function validateRevision(revision: unknown): number {
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 1) {
    throw invalidArgument('A revision must be a whole number of at least 1.');
  }
  return revision;
}

// Each upgradable value goes into the chart as a string, so its format is pinned down here.
const UPGRADE_FIELDS = {
  wordpressImageTag: WORDPRESS_IMAGE_TAG_PATTERN,
  woocommerceVersion: /^\d{1,4}\.\d{1,4}\.\d{1,4}$/,
  memoryLimit: /^[1-9]\d{0,5}(Mi|Gi)$/,
} as const;
type UpgradeField = keyof typeof UPGRADE_FIELDS;

// What to say about a value of the right type but the wrong form, where more than "invalid" helps.
const UPGRADE_PROBLEMS: Partial<Record<UpgradeField, string>> = {
  wordpressImageTag: WORDPRESS_IMAGE_TAG_PROBLEM,
};

export const UPGRADE_KEYS = Object.keys(UPGRADE_FIELDS) as UpgradeField[];

/** UpgradeInput checked field by field; `values` holds only the fields that were given. */
export function parseUpgradeInput(input: unknown): {
  storeId: string;
  values: Record<string, string>;
} {
  if (!isRecord(input)) throw invalidArgument('An upgrade needs { storeId, ...values }.');
  const storeId = validateStoreId(input.storeId);
  const values: Record<string, string> = {};
  for (const key of Object.keys(input)) {
    if (key === 'storeId') continue;
    // Own keys only: `in` would let inherited names (toString, __proto__) through.
    if (!Object.hasOwn(UPGRADE_FIELDS, key))
      throw invalidArgument(`"${key}" cannot be changed by an upgrade.`);
    const value = input[key];
    if (value === undefined) continue;
    const pattern = UPGRADE_FIELDS[key as UpgradeField];
    if (typeof value !== 'string') throw invalidArgument(`"${key}" has an invalid value.`);
    if (!pattern.test(value)) {
      throw invalidArgument(
        UPGRADE_PROBLEMS[key as UpgradeField] ?? `"${key}" has an invalid value.`,
      );
    }
    values[key] = value;
  }
  if (Object.keys(values).length === 0)
    throw invalidArgument('An upgrade must change at least one value.');
  return { storeId, values };
}
