// Kubernetes quantities as numbers (CPU in cores, memory and storage in bytes), so tests can
// check that what the workloads ask for fits the quota.
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

export function parseQuantity(text: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(text);
  const multiplier = SUFFIX[match?.[2] ?? ''];
  if (!match?.[1] || multiplier === undefined)
    throw new Error(`not a quantity this test understands: ${text}`);
  return Number(match[1]) * multiplier;
}
