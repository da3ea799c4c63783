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

/** How a field is named in a sentence; the identifier itself never reaches the UI. */
const FIELD_WORDS: Record<string, string> = {
  argument: 'The request',
  storeId: 'The store',
  context: 'The Kubernetes context',
  name: 'The store name',
  kind: 'The store kind',
  revision: 'The revision',
  target: 'What to open',
  wordpressImageTag: 'The WordPress image tag',
  woocommerceVersion: 'The WooCommerce version',
  memoryLimit: 'The memory limit',
  maxConcurrentProvisions: 'Stores set up at once',
  maxStoresPerContext: 'Stores per context',
  maxCreatesPerMinute: 'Stores created per minute',
  helmPath: 'The Helm path',
};

/**
 * Sentences for a person about what is wrong with an argument, and the first offending field's
 * key for callers that point at it (details.field; never shown). A rule's own message is
 * already a sentence; a bare one such as "must be a number" gets the field's name in words.
 */
export function describeIssues(error: z.ZodError): { message: string; field: string } {
  const sentences = error.issues.map(sentenceFor);
  const first = error.issues[0];
  return {
    message: [...new Set(sentences)].join(' '),
    field: first ? fieldOf(first) : 'argument',
  };
}

function sentenceFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return 'The request has a value Storefleet does not take; it may come from a newer or older version of the app.';
  }
  const field = fieldOf(issue);
  const words = FIELD_WORDS[field] ?? 'A value';
  if (issue.code === 'invalid_type') {
    if (issue.path.length === 0) return 'The request is not in the form Storefleet expects.';
    if (/received undefined$/.test(issue.message)) return `${words} is missing.`;
  }
  const message = issue.message.trim();
  if (/^[A-Z]/.test(message)) return /[.?!]$/.test(message) ? message : `${message}.`;
  if (issue.code === 'invalid_type') return `${words} is not of the expected kind.`;
  return `${words} ${message.replace(/[.]$/, '')}.`;
}

function fieldOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return issue.keys.join(', ');
  return issue.path.length > 0 ? issue.path.map(String).join('.') : 'argument';
}
