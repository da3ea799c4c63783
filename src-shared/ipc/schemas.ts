// Every invoke's argument is checked here before a handler runs: the renderer is untrusted.
import { z } from 'zod';
import { contextNameSchema } from '../rules/context-name-rule';
import { wordpressImageTagSchema } from '../rules/image-tag-rule';
import { memoryLimitSchema } from '../rules/memory-limit-rule';
import { helmPathSchema, limitSchema } from '../rules/settings-rules';
import { storeIdSchema } from '../rules/store-id-rule';
import { storeNameSchema } from '../rules/store-name-rule';
import { woocommerceVersionSchema } from '../rules/woocommerce-version-rule';

// Each input rule lives once, in src-shared/rules; the forms and the engine read the same ones.
export const storeName = storeNameSchema;
export const storeId = storeIdSchema;
export const contextName = contextNameSchema;

const imageTag = wordpressImageTagSchema;
const woocommerceVersion = woocommerceVersionSchema;
const memoryLimit = memoryLimitSchema;
const absolutePath = helmPathSchema;

/** What an upgrade may change: at least one value besides the store. */
export const upgradeInput = z
  .strictObject({
    storeId,
    wordpressImageTag: imageTag.optional(),
    woocommerceVersion: woocommerceVersion.optional(),
    memoryLimit: memoryLimit.optional(),
  })
  .refine(
    (arg) => Object.entries(arg).some(([key, value]) => key !== 'storeId' && value !== undefined),
    {
      error: 'An upgrade must change at least one value.',
    },
  );

/** The settings a user may change; each field optional. */
export const settingsPatch = z.strictObject({
  maxConcurrentProvisions: limitSchema('maxConcurrentProvisions').optional(),
  maxStoresPerContext: limitSchema('maxStoresPerContext').optional(),
  maxCreatesPerMinute: limitSchema('maxCreatesPerMinute').optional(),
  helmPath: absolutePath.nullable().optional(),
});

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
