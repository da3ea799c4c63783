// The one rule for a store id, used by the IPC schema, the engine and the chart's values builder.
// Ids are made by the app (UUIDs); the rule keeps paths, flags and markup out, and the id must fit
// the Kubernetes label value it becomes (storefleet.io/store-id: at most 63 characters, starting
// and ending with a letter or digit). Dots, which label values would allow, are left out so an id
// can never read as a path.
import { z } from 'zod';

export const STORE_ID_MAX_LENGTH = 63;

const STORE_ID = /^[A-Za-z0-9]([-A-Za-z0-9_]*[A-Za-z0-9])?$/;

export const STORE_ID_PROBLEM = `A store id has 1 to ${STORE_ID_MAX_LENGTH} letters, digits, hyphens and underscores, starting and ending with a letter or digit.`;

export function isStoreId(id: string): boolean {
  return id.length <= STORE_ID_MAX_LENGTH && STORE_ID.test(id);
}

// Pure: a bundle that uses only the plain helpers (the renderer) leaves zod out.
export const storeIdSchema = /* @__PURE__ */ z
  .string({ error: STORE_ID_PROBLEM })
  .refine(isStoreId, { error: STORE_ID_PROBLEM });
