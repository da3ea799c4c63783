// Marks the UI benchmark reads back with performance.getEntriesByName, so it can time the list's
// own rendering apart from page load and round trips. A mark costs next to nothing, so it is
// always set rather than behind a flag.
export const SNAPSHOT_APPLY_MARK = 'storefleet:snapshot-apply';

export function markSnapshotApply(): void {
  // Only the latest matters, and keeping one entry stops the timeline buffer from growing.
  performance.clearMarks(SNAPSHOT_APPLY_MARK);
  performance.mark(SNAPSHOT_APPLY_MARK);
}
