// The one rule for a store's WordPress memory limit, used by the upgrade form, the IPC schema, the
// engine and the chart's values builder. Bounded so an upgrade cannot ask a laptop cluster for more
// memory than it could ever have, or give WordPress too little to start. (A cluster may cap it
// lower still: the engine also checks the LimitRange maximum in the store's values.)
import { z } from 'zod';

export const MEMORY_LIMIT_MIN_MI = 128;
export const MEMORY_LIMIT_MAX_MI = 16 * 1024;
export const MEMORY_LIMIT_EXAMPLE = '512Mi';

const MEMORY_LIMIT = /^([1-9][0-9]{0,4})(Mi|Gi)$/;

/** Completes "memory limit must be …". */
export const MEMORY_LIMIT_EXPECTED = `a whole number of Mi or Gi from ${MEMORY_LIMIT_MIN_MI}Mi to ${MEMORY_LIMIT_MAX_MI / 1024}Gi, such as ${MEMORY_LIMIT_EXAMPLE} or 1Gi`;

export const MEMORY_LIMIT_PROBLEM = `A memory limit must be ${MEMORY_LIMIT_EXPECTED}.`;

/** The limit in MiB, or null when `value` is not a memory limit this rule allows. */
export function memoryLimitMi(value: string): number | null {
  const match = MEMORY_LIMIT.exec(value);
  if (!match) return null;
  const mi = Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
  return mi >= MEMORY_LIMIT_MIN_MI && mi <= MEMORY_LIMIT_MAX_MI ? mi : null;
}

export function isMemoryLimit(value: string): boolean {
  return memoryLimitMi(value) !== null;
}

// Pure: a bundle that uses only the plain helpers (the renderer) leaves zod out.
export const memoryLimitSchema = /* @__PURE__ */ z
  .string({ error: MEMORY_LIMIT_PROBLEM })
  .refine(isMemoryLimit, { error: MEMORY_LIMIT_PROBLEM });
