// Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity) as plain numbers: CPU in
// cores ("250m" → 0.25, metrics-server's "4528591n" → 0.004528591), memory in bytes
// ("512Mi" → 536870912, "123456Ki"). Every suffix the API may serialize is understood: decimal
// SI (n u m "" k M G T P E), binary SI (Ki … Ei) and decimal exponents ("1e3", "12E-3").
/** powers of ten */
const DECIMAL: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY =
  /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE]))?$/;

/** The quantity's value, or null when the text is not a Kubernetes quantity. */
export function parseKubeQuantity(text: string): number | null {
  const match = QUANTITY.exec(text.trim());
  if (!match?.[1]) return null;
  const number = Number(match[1]);
  const [, , exponent, binary, decimal] = match;
  if (binary !== undefined) return number * (BINARY[binary] ?? Number.NaN);
  const power = exponent !== undefined ? Number(exponent.slice(1)) : (DECIMAL[decimal ?? ''] ?? 0);
  // dividing keeps "350m" exactly 0.35 (multiplying by 1e-3 would not)
  return power < 0 ? number / 10 ** -power : number * 10 ** power;
}

/** The quantity's value, or null for a value that is missing or not a quantity. */
export function quantityOrNull(value: unknown): number | null {
  return typeof value === 'string' ? parseKubeQuantity(value) : null;
}
