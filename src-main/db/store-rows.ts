import { z } from 'zod';
import {
  STEP_NAMES,
  STEP_STATUSES,
  STORE_KINDS,
  STORE_STATUSES,
} from '../../src-shared/types/store-types';
import type { DerivedStoreField, Store, StoreEvent } from '../../src-shared/types/store-types';
import { adminAvailableFor } from '../../src-shared/types/store-access';

const isoTime = z.iso.datetime({ offset: true });

export const storeSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(STORE_KINDS),
  context: z.string().min(1),
  namespace: z.string().min(1),
  status: z.enum(STORE_STATUSES),
  step: z.enum(STEP_NAMES).nullable(),
  error: z.string().nullable(),
  errorDetails: z.string().nullable().optional(),
  url: z.string(),
  adminUrl: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
  statusSince: isoTime,
  helmRevision: z.number().int().nonnegative().nullable(),
  // Derived on read (see DERIVED_STORE_COLUMNS); accepted so a Store read back can be passed on,
  // never written.
  readyAt: isoTime.optional(),
  version: z.string().optional(),
  adminAvailable: z.boolean().optional(),
});

export const storePatchSchema = storeSchema.omit({ id: true }).partial();

export const newEventSchema = z.strictObject({
  storeId: z.string().min(1),
  step: z.enum(STEP_NAMES),
  status: z.enum(STEP_STATUSES),
  message: z.string(),
  at: isoTime,
});

const resumeFrom = z.enum(STEP_NAMES).optional();
export const pendingOpSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('provision'), resumeFrom }),
  z.strictObject({ op: z.literal('delete'), resumeFrom }),
  z.strictObject({
    op: z.literal('upgrade'),
    values: z.record(z.string(), z.string()),
    resumeFrom,
  }),
  z.strictObject({ op: z.literal('rollback'), revision: z.number().int().positive(), resumeFrom }),
  z.strictObject({ op: z.literal('stop'), resumeFrom }),
  z.strictObject({ op: z.literal('start'), resumeFrom }),
]);

/** Column names, in the order the INSERT statement binds them. */
export const STORE_COLUMNS = {
  id: 'id',
  name: 'name',
  kind: 'kind',
  context: 'context',
  namespace: 'namespace',
  status: 'status',
  step: 'step',
  error: 'error',
  errorDetails: 'error_details',
  url: 'url',
  adminUrl: 'admin_url',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  statusSince: 'status_since',
  helmRevision: 'helm_revision',
} as const satisfies Record<Exclude<keyof Store, DerivedStoreField>, string>;

/**
 * Fields a list needs that the database already holds elsewhere, read with each store: when its
 * `ready` step first succeeded, and the WooCommerce version its settings record.
 */
export const DERIVED_STORE_COLUMNS = [
  `(SELECT min(e.at) FROM store_events e WHERE e.store_id = stores.id AND e.step = 'ready' AND e.status = 'succeeded') AS ready_at`,
  `(SELECT json_extract(s.settings, '$.woocommerceVersion') FROM store_settings s WHERE s.store_id = stores.id) AS woocommerce_version`,
] as const;

const storeRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(STORE_KINDS),
  context: z.string(),
  namespace: z.string(),
  status: z.enum(STORE_STATUSES),
  step: z.enum(STEP_NAMES).nullable(),
  error: z.string().nullable(),
  error_details: z.string().nullish(),
  url: z.string(),
  admin_url: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  status_since: z.string(),
  helm_revision: z.number().nullable(),
  ready_at: z.string().nullish(),
  woocommerce_version: z.string().nullish(),
});

const eventRowSchema = z.object({
  id: z.number(),
  store_id: z.string(),
  step: z.enum(STEP_NAMES),
  status: z.enum(STEP_STATUSES),
  message: z.string(),
  at: z.string(),
});

export function storeFromRow(row: unknown): Store {
  const r = storeRowSchema.parse(row);
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    context: r.context,
    namespace: r.namespace,
    status: r.status,
    step: r.step,
    error: r.error,
    errorDetails: r.error_details ?? null,
    adminAvailable: adminAvailableFor(r.status, r.step),
    url: r.url,
    adminUrl: r.admin_url,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    statusSince: r.status_since,
    helmRevision: r.helm_revision,
    // Absent rather than null, so a store that has neither looks as it always did.
    ...(r.ready_at ? { readyAt: r.ready_at } : {}),
    ...(r.woocommerce_version ? { version: r.woocommerce_version } : {}),
  };
}

export function eventFromRow(row: unknown): StoreEvent {
  const r = eventRowSchema.parse(row);
  return {
    id: r.id,
    storeId: r.store_id,
    step: r.step,
    status: r.status,
    message: r.message,
    at: r.at,
  };
}

/** One line naming every invalid field, so a caller's bug is obvious without a stack of zod output. */
export function describeIssues(what: string, error: z.ZodError): string {
  const parts = error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return `invalid ${what}: ${parts.join('; ')}`;
}

// An allow-list, strict so that nothing else (a password least of all) can be stored this way.
export const storeSettingsSchema = z.strictObject({
  wordpressImageTag: z.string().max(128).optional(),
  woocommerceVersion: z.string().max(16).optional(),
  memoryLimit: z.string().max(16).optional(),
  stopped: z.enum(['true', 'false']).optional(),
  // Medusa: the image its image step made ready (repository and tag, as the chart takes them).
  medusaImageRepository: z
    .string()
    .max(255)
    .regex(/^[a-z0-9][a-z0-9._/:-]*$/)
    .optional(),
  medusaImageTag: z
    .string()
    .max(128)
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/)
    .optional(),
  // Kept by the engine, never chart values nor user settings: the cart a Medusa verify is
  // completing (cleared once its order is placed), and the store's publishable API key, which
  // Medusa's Store API needs in every request and which is public by design (not a secret).
  verifyCartId: z
    .string()
    .max(64)
    .regex(/^cart_[A-Za-z0-9]+$/)
    .optional(),
  publishableKey: z
    .string()
    .max(128)
    .regex(/^pk_[A-Za-z0-9]+$/)
    .optional(),
});

/** A store's user-changeable chart settings, as the driver's buildValues takes them. */
export type StoreSettings = z.infer<typeof storeSettingsSchema>;
