// Kubernetes resource quantities as plain numbers: CPU in cores ("250m" → 0.25), memory and
// storage in bytes ("512Mi" → 536870912). Covers the suffixes Storefleet's charts use.
const SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** The quantity's value, or null when it is not a quantity in a form this understands. */
export function parseQuantity(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(text.trim());
  const multiplier = SUFFIX[match?.[2] ?? ''];
  if (!match?.[1] || multiplier === undefined) return null;
  return Number(match[1]) * multiplier;
}
