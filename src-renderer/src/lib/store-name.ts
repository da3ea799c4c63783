// Mirror of main's store-name rule, so the create dialog can say what is wrong while the user
// types. Main validates again; this copy only saves a round trip.

export const STORE_NAME_MAX_LENGTH = 40;

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Returns a sentence describing the problem, or null when the name is acceptable. */
export function storeNameProblem(name: string): string | null {
  if (name.length === 0) return 'Enter a name.';
  if (name.length > STORE_NAME_MAX_LENGTH) {
    return `Use at most ${STORE_NAME_MAX_LENGTH} characters (this one has ${name.length}).`;
  }
  if (/[A-Z]/.test(name)) return 'Use lowercase letters only.';
  if (name.startsWith('-') || name.endsWith('-')) return 'Start and end with a letter or digit.';
  if (!DNS_1123_LABEL.test(name)) {
    return 'Use only lowercase letters, digits and hyphens (-).';
  }
  return null;
}

export function isValidStoreName(name: string): boolean {
  return storeNameProblem(name) === null;
}
