import { join } from 'node:path';
import { parseQuantity } from '../kube/quantity';
import { invalidArgument } from './engine-error';
import { readValuesFile } from './values-file';

/** Bytes in a Kubernetes memory quantity such as 512Mi or 1G; null when it is not one. */
export function memoryBytes(quantity: string): number | null {
  // Milli-bytes are a valid quantity but never a memory limit anyone means.
  return quantity.trim().endsWith('m') ? null : parseQuantity(quantity);
}

function limitRangeMax(file: string): string | undefined {
  const doc = readValuesFile(file) as { limitRange?: { max?: { memory?: unknown } } };
  const max = doc.limitRange?.max;
  return typeof max?.memory === 'string' ? max.memory : undefined;
}

/**
 * The most memory one container of a store may ask for: the LimitRange max the chart renders,
 * as the last of the values files that sets it (the chart's own values.yaml first). Null when
 * none sets it.
 */
export function readMemoryCap(chartPath: string, valuesFiles: readonly string[]): string | null {
  let cap: string | null = null;
  for (const file of [join(chartPath, 'values.yaml'), ...valuesFiles]) {
    cap = limitRangeMax(file) ?? cap;
  }
  return cap;
}

/**
 * Refuses a memory limit above the namespace's LimitRange max: the API server would reject
 * every WordPress pod and the store would sit waiting until its deadline.
 */
export function checkMemoryLimit(memoryLimit: string, cap: string | null): void {
  const wanted = memoryBytes(memoryLimit);
  const max = cap === null ? null : memoryBytes(cap);
  if (wanted === null || max === null || wanted <= max) return;
  throw invalidArgument(
    `A memory limit of ${memoryLimit} is above the ${cap ?? ''} a store's containers may use (the LimitRange maximum in its values); choose ${cap ?? ''} or less.`,
  );
}

/** Memory caps per store kind, read once: the chart and values files ship with the app. */
export class MemoryCaps {
  private readonly caps = new Map<string, string | null>();

  constructor(private readonly files: (kind: string) => { chart: string; values: string } | null) {}

  of(kind: string): string | null {
    if (!this.caps.has(kind)) {
      const f = this.files(kind);
      this.caps.set(kind, f ? readMemoryCap(f.chart, [f.values]) : null);
    }
    return this.caps.get(kind) ?? null;
  }
}
