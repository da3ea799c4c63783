// Every invoke's argument is checked here before a handler runs: the renderer is untrusted.
import { z } from 'zod';
import { contextNameSchema } from '../rules/context-name-rule';
import { wordpressImageTagSchema } from '../rules/image-tag-rule';
import { memoryLimitSchema } from '../rules/memory-limit-rule';
import { helmPathSchema, limitSchema } from '../rules/settings-rules';
import { storeIdSchema } from '../rules/store-id-rule';
import { storeNameSchema } from '../rules/store-name-rule';
import { woocommerceVersionSchema } from '../rules/woocommerce-version-rule';
import type { InvokeArg, InvokeMethod } from './contract';

// Each input rule lives once, in src-shared/rules; the forms and the engine read the same ones.
export const storeName = storeNameSchema;
export const storeId = storeIdSchema;
export const contextName = contextNameSchema;

const imageTag = wordpressImageTagSchema;
const woocommerceVersion = woocommerceVersionSchema;
const memoryLimit = memoryLimitSchema;
const absolutePath = helmPathSchema;

const empty = z.strictObject({});

type Schemas = { [M in InvokeMethod]: z.ZodType<InvokeArg<M>> };

export const INVOKE_SCHEMAS = {
  listContexts: empty,
  selectContext: z.strictObject({ context: contextName }),
  probeContext: z.strictObject({ context: contextName }),
  listStores: z.strictObject({ context: contextName }),
  getStore: z.strictObject({ storeId }),
  createStore: z.strictObject({
    context: contextName,
    name: storeName,
    kind: z.literal('woocommerce', { error: 'must be "woocommerce"' }),
  }),
  cancelStore: z.strictObject({ storeId }),
  deleteStore: z.strictObject({ storeId }),
  upgradeStore: z
    .strictObject({
      storeId,
      wordpressImageTag: imageTag.optional(),
      woocommerceVersion: woocommerceVersion.optional(),
      memoryLimit: memoryLimit.optional(),
    })
    .refine(
      (arg) => Object.entries(arg).some(([key, value]) => key !== 'storeId' && value !== undefined),
      { error: 'An upgrade must change at least one value.' },
    ),
  rollbackStore: z.strictObject({
    storeId,
    revision: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .positive('must be 1 or more')
      .max(1_000_000, 'is too large'),
  }),
  stopStore: z.strictObject({ storeId }),
  startStore: z.strictObject({ storeId }),
  storeHistory: z.strictObject({ storeId }),
  revealCredentials: z.strictObject({ storeId }),
  openStore: z.strictObject({
    storeId,
    target: z.enum(['storefront', 'admin'], { error: 'must be "storefront" or "admin"' }),
  }),
  toolStatus: empty,
  storeKinds: empty,
  getSettings: empty,
  updateSettings: z.strictObject({
    maxConcurrentProvisions: limitSchema('maxConcurrentProvisions').optional(),
    maxStoresPerContext: limitSchema('maxStoresPerContext').optional(),
    maxCreatesPerMinute: limitSchema('maxCreatesPerMinute').optional(),
    helmPath: absolutePath.nullable().optional(),
  }),
} satisfies Schemas;

/** One line naming every offending field, e.g. `name: A store name must start with a letter.` */
export function describeIssues(error: z.ZodError): { message: string; field: string } {
  const parts = error.issues.map((issue) => {
    const field = fieldOf(issue);
    return issue.code === 'unrecognized_keys'
      ? `${field}: is not a known field`
      : `${field}: ${issue.message}`;
  });
  const first = error.issues[0];
  return { message: parts.join('; '), field: first ? fieldOf(first) : 'argument' };
}

function fieldOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return issue.keys.join(', ');
  return issue.path.length > 0 ? issue.path.map(String).join('.') : 'argument';
}
