// Marks the UI benchmark reads back with performance.getEntriesByName, so it can time the list's
// own rendering apart from page load and round trips. Set only in a bench build (see
// bench/bench-build.ts); in the product's build this is an empty function.
export const SNAPSHOT_APPLY_MARK = 'storefleet:snapshot-apply';

export function markSnapshotApply(): void {
  // Written out, not a helper call, so the product's build drops the rest (bench-build.ts).
  if (import.meta.env.MODE !== 'bench') return;
  // Only the latest matters, and keeping one entry stops the timeline buffer from growing.
  performance.clearMarks(SNAPSHOT_APPLY_MARK);
  performance.mark(SNAPSHOT_APPLY_MARK);
}
