// The one rule for a kubeconfig context name, used by the IPC schema and the engine. Context names
// are free-form (kubeadm's "kubernetes-admin@kubernetes", EKS ARNs, GKE underscores); a leading
// "-" is refused so a name can never read as a command-line flag.
import { z } from 'zod';

export const CONTEXT_NAME_MAX_LENGTH = 253;

const CONTEXT_NAME = /^[A-Za-z0-9_.@:/+=][A-Za-z0-9_.@:/+=-]*$/;

export const CONTEXT_NAME_PROBLEM = `A Kubernetes context name has 1 to ${CONTEXT_NAME_MAX_LENGTH} letters, digits and the characters _ . @ : / + = -, and does not start with "-".`;

export function isContextName(name: string): boolean {
  return name.length <= CONTEXT_NAME_MAX_LENGTH && CONTEXT_NAME.test(name);
}

// Pure: a bundle that uses only the plain helpers (the renderer) leaves zod out.
export const contextNameSchema = /* @__PURE__ */ z
  .string({ error: CONTEXT_NAME_PROBLEM })
  .refine(isContextName, { error: CONTEXT_NAME_PROBLEM });
