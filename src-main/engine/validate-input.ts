import type { z } from 'zod';
import type { CreateStoreInput } from '../../src-shared/types/service-types';
import type { StoreKind } from '../../src-shared/types/store-types';
import { contextNameSchema } from '../../src-shared/rules/context-name-rule';
import { wordpressImageTagSchema } from '../../src-shared/rules/image-tag-rule';
import { memoryLimitSchema } from '../../src-shared/rules/memory-limit-rule';
import { storeIdSchema } from '../../src-shared/rules/store-id-rule';
import { STORE_NAME_MAX_LENGTH, storeNameSchema } from '../../src-shared/rules/store-name-rule';
import { woocommerceVersionSchema } from '../../src-shared/rules/woocommerce-version-rule';
import { invalidArgument } from './engine-error';

// The rules themselves live in src-shared/rules, where the IPC schemas and the forms read them
// too; this module turns a refusal into the engine's invalid-argument error.

export const MAX_STORE_NAME_LENGTH = STORE_NAME_MAX_LENGTH;

function checked<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidArgument(result.error.issues[0]?.message ?? 'The value is not valid.');
}

/** Throws unless `name` can be a store name: it becomes part of a namespace, a host and a release. */
export function validateStoreName(name: unknown): string {
  return checked(storeNameSchema, name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validateContext(context: unknown): string {
  return checked(contextNameSchema, context);
}

export function validateStoreId(storeId: unknown): string {
  return checked(storeIdSchema, storeId);
}

/** Checks the shape only; whether the kind can be provisioned is the engine's call. */
export function parseCreateInput(input: unknown, knownKinds: readonly string[]): CreateStoreInput {
  if (!isRecord(input))
    throw invalidArgument('Creating a store needs a Kubernetes context, a name and a kind.');
  const context = validateContext(input.context);
  const name = validateStoreName(input.name);
  if (typeof input.kind !== 'string' || !knownKinds.includes(input.kind)) {
    throw invalidArgument('Storefleet cannot create stores of that kind.');
  }
  return { context, name, kind: input.kind as StoreKind };
}

export function validateRevision(revision: unknown): number {
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 1) {
    throw invalidArgument('A revision must be a whole number of at least 1.');
  }
  return revision;
}

// Each upgradable value goes into the chart as a string, so its form is pinned down here.
const UPGRADE_FIELDS = {
  wordpressImageTag: wordpressImageTagSchema,
  woocommerceVersion: woocommerceVersionSchema,
  memoryLimit: memoryLimitSchema,
} as const;
type UpgradeField = keyof typeof UPGRADE_FIELDS;

export const UPGRADE_KEYS = Object.keys(UPGRADE_FIELDS) as UpgradeField[];

const UPGRADE_ONLY =
  'An upgrade can change the WordPress image tag, the WooCommerce version and the memory limit, nothing else.';

/** UpgradeInput checked field by field; `values` holds only the fields that were given. */
export function parseUpgradeInput(input: unknown): {
  storeId: string;
  values: Record<string, string>;
} {
  if (!isRecord(input)) throw invalidArgument('An upgrade needs a store and the values to change.');
  const storeId = validateStoreId(input.storeId);
  const values: Record<string, string> = {};
  for (const key of Object.keys(input)) {
    if (key === 'storeId') continue;
    // Own keys only: `in` would let inherited names (toString, __proto__) through.
    if (!Object.hasOwn(UPGRADE_FIELDS, key)) throw invalidArgument(UPGRADE_ONLY);
    const value = input[key];
    if (value === undefined) continue;
    values[key] = checked(UPGRADE_FIELDS[key as UpgradeField], value);
  }
  if (Object.keys(values).length === 0)
    throw invalidArgument('An upgrade must change at least one value.');
  return { storeId, values };
}
