// The one DNS-name helper. Kubernetes names namespaces after RFC 1123 labels and Services after
// RFC 1035 labels (which must also start with a letter); hosts, domains and Helm release names are
// dot-separated runs of such labels.

/** Kubernetes' (and DNS's) limit for one label. */
export const DNS_LABEL_MAX_LENGTH = 63;
/** Kubernetes' limit for a DNS subdomain name such as a host. */
export const DNS_SUBDOMAIN_MAX_LENGTH = 253;

const RFC_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const RFC_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export interface DnsLabelOptions {
  /** at most this many characters; never more than DNS_LABEL_MAX_LENGTH */
  maxLength?: number;
  /** RFC 1035 (what a Service name must be) rather than RFC 1123 */
  startWithLetter?: boolean;
}

/** Lowercase letters, digits and '-', starting and ending with a letter or digit. */
export function isDnsLabel(value: string, o: DnsLabelOptions = {}): boolean {
  const max = Math.min(o.maxLength ?? DNS_LABEL_MAX_LENGTH, DNS_LABEL_MAX_LENGTH);
  if (value.length > max) return false;
  return (o.startWithLetter ? RFC_1035_LABEL : RFC_1123_LABEL).test(value);
}

/** Labels joined by dots, such as a host; `minLabels: 2` insists on at least one dot. */
export function isDnsSubdomain(
  value: string,
  o: { maxLength?: number; minLabels?: number } = {},
): boolean {
  if (value.length > (o.maxLength ?? DNS_SUBDOMAIN_MAX_LENGTH)) return false;
  const labels = value.split('.');
  return labels.length >= (o.minLabels ?? 1) && labels.every((label) => isDnsLabel(label));
}

/** Completes "… is not a valid … name:" for messages about a label. */
export function dnsLabelExpected(maxLength = DNS_LABEL_MAX_LENGTH): string {
  return `use at most ${maxLength} lowercase letters, digits and '-', starting and ending with a letter or digit`;
}
