// Every invoke's argument is checked here before a handler runs: the renderer is untrusted.
import { z } from 'zod';
import { WORDPRESS_IMAGE_TAG_EXPECTED, WORDPRESS_IMAGE_TAG_PATTERN } from '../rules/image-tag-rule';
import type { InvokeArg, InvokeMethod } from './contract';

/** Kubernetes DNS-1123 label, shortened so `<name>` still fits in derived resource names. */
export const STORE_NAME_MAX = 40;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const storeName = z
  .string()
  .max(STORE_NAME_MAX, `must be at most ${STORE_NAME_MAX} characters`)
  .regex(
    DNS_LABEL,
    'must be lowercase letters, digits and "-", starting and ending with a letter or digit',
  );

// Ids are produced by the app; the pattern only has to keep paths, flags and markup out.
export const storeId = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'is not a store id');

// Kubeconfig context names are free-form (kubeadm's "kubernetes-admin@kubernetes", EKS ARNs,
// GKE underscores); a leading "-" is refused so a name can never read as a command-line flag.
export const contextName = z
  .string()
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters')
  .regex(/^[A-Za-z0-9_.@:/+=][A-Za-z0-9_.@:/+=-]*$/, 'is not a valid kubeconfig context name');

const imageTag = z
  .string()
  .max(128, 'must be at most 128 characters')
  .regex(WORDPRESS_IMAGE_TAG_PATTERN, `must be ${WORDPRESS_IMAGE_TAG_EXPECTED}`);

const woocommerceVersion = z
  .string()
  .max(32, 'must be at most 32 characters')
  .regex(
    /^\d{1,3}\.\d{1,3}(\.\d{1,3})?(-[0-9A-Za-z.]{1,20})?$/,
    'must be a version such as "9.4.2"',
  );

// Bounded so an upgrade cannot ask a laptop cluster for more memory than it could ever have.
const memoryLimit = z
  .string()
  .regex(/^[1-9]\d{0,5}(Mi|Gi)$/, 'must be a size such as "512Mi" or "1Gi"')
  .refine((v) => {
    const n = Number.parseInt(v, 10);
    const mi = v.endsWith('Gi') ? n * 1024 : n;
    return mi >= 128 && mi <= 16 * 1024;
  }, 'must be between 128Mi and 16Gi');

const absolutePath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'must be at most 4096 characters')
  .refine((p) => !p.includes('\0'), 'must not contain NUL bytes')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'must be an absolute path');

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
  upgradeStore: z.strictObject({
    storeId,
    wordpressImageTag: imageTag.optional(),
    woocommerceVersion: woocommerceVersion.optional(),
    memoryLimit: memoryLimit.optional(),
  }),
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
    maxConcurrentProvisions: z.number().int('must be a whole number').min(1).max(10).optional(),
    maxStoresPerContext: z.number().int('must be a whole number').min(1).max(500).optional(),
    maxCreatesPerMinute: z.number().int('must be a whole number').min(1).max(60).optional(),
    helmPath: absolutePath.nullable().optional(),
  }),
} satisfies Schemas;

/** One sentence naming every offending field, e.g. `name: must be at most 40 characters`. */
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
