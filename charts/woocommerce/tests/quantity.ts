import { parseQuantity as parse } from '../../../src-main/kube/quantity';

/** Tests fail loudly on a quantity the parser does not understand. */
export function parseQuantity(text: string): number {
  const value = parse(text);
  if (value === null) throw new Error(`not a quantity this test understands: ${text}`);
  return value;
}
