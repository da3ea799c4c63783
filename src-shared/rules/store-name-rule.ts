// The one rule for a store's name, used by the create dialog, the IPC schema, the engine, the
// chart's values builder and the Kubernetes helpers.
import { z } from 'zod';
import { isDnsLabel } from './dns-label';

/*
 * Why 40. The name is used verbatim or with a suffix in every object the chart creates, and each
 * of those has its own limit:
 *   - namespace `store-<name>`: a DNS label, at most 63 characters        -> name <= 57
 *   - the Helm release `<name>`: Helm allows 53                           -> name <= 53
 *   - Service `<name>-wordpress`: an RFC 1035 label, at most 63           -> name <= 53
 *   - Job `<name>-bootstrap`: its pods carry it as a label value (<= 63)  -> name <= 53
 *   - CronJob `<name>-cron`: Kubernetes allows 52 (its Jobs add 11)       -> name <= 47
 *   - StatefulSet `<name>-mariadb`: its pods' controller-revision-hash label is
 *     `<name>-mariadb-<hash of up to 10>`, a label value (<= 63)          -> name <= 44
 * The tightest is 44; 40 keeps a few characters for the next suffix the chart may need, and it is
 * the limit the chart's own release-name guard (templates/_helpers.tpl) enforces.
 * A Service name must start with a letter, so a store name must too.
 */
export const STORE_NAME_MAX_LENGTH = 40;

export const STORE_NAME_RULE = `A store name can have at most ${STORE_NAME_MAX_LENGTH} characters: lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit.`;

/** The namespace a store's objects live in. */
export function storeNamespace(name: string): string {
  return `store-${name}`;
}

/** A sentence saying what is wrong with `name`, or null when it is a valid store name. */
export function storeNameProblem(name: string): string | null {
  if (name.length === 0) return 'A store name must not be empty.';
  if (name.length > STORE_NAME_MAX_LENGTH) {
    return `A store name can have at most ${STORE_NAME_MAX_LENGTH} characters (this one has ${name.length}).`;
  }
  if (isDnsLabel(name, { maxLength: STORE_NAME_MAX_LENGTH, startWithLetter: true })) return null;
  if (/[A-Z]/.test(name)) return 'A store name uses lowercase letters only.';
  if (!/^[-a-z0-9]*$/.test(name)) {
    return 'A store name can use only lowercase letters, digits and hyphens (-).';
  }
  if (!/^[a-z]/.test(name)) return 'A store name must start with a letter.';
  return 'A store name must end with a letter or digit.';
}

export function isStoreName(name: string): boolean {
  return storeNameProblem(name) === null;
}

// Pure: a bundle that uses only the plain helpers (the renderer) leaves zod out.
export const storeNameSchema = /* @__PURE__ */ z
  .string({ error: 'A store name must be text.' })
  .superRefine((name, ctx) => {
    const problem = storeNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
