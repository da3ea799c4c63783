// How resource figures read on the page: CPU as Kubernetes writes it ("210m", "1.5"), memory
// in binary units ("380 Mi", "2 Gi"), and a row's cell as "210m · 380 Mi / 2 Gi".
import type { StoreResourceUse } from '../../../../src-shared/ipc/contract';

const MI = 2 ** 20;
const GI = 2 ** 30;

const trim = (value: number): string => String(Number(value.toFixed(1)));

/** cores → "210m" below one core, else "1.5" */
export function formatCpu(cores: number): string {
  if (cores < 1) return `${Math.round(cores * 1000)}m`;
  return trim(cores);
}

/** bytes → "380 Mi", "1.5 Gi", "512 Ki" */
export function formatMemory(bytes: number): string {
  if (bytes >= GI) return `${trim(bytes / GI)} Gi`;
  if (bytes >= MI) return `${Math.round(bytes / MI)} Mi`;
  return `${Math.round(bytes / 1024)} Ki`;
}

/** The list's cell: CPU and memory now, the memory against the quota's memory limit when set. */
export function resourceCellText(use: StoreResourceUse | undefined): string | null {
  if (!use?.usage) return null;
  const cpu = formatCpu(use.usage.cpuCores);
  const memory = formatMemory(use.usage.memoryBytes);
  const limit = use.quota?.limitsMemory.hard;
  return `${cpu} · ${memory}${limit == null ? '' : ` / ${formatMemory(limit)}`}`;
}

/** The share of a bound used, 0–100, or null without both figures. */
export function percentOf(
  used: number | null | undefined,
  hard: number | null | undefined,
): number | null {
  if (used == null || hard == null || hard <= 0) return null;
  return Math.min(100, Math.round((used / hard) * 100));
}
