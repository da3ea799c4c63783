// What one fault family reports, the way a benchmark reports: counts, not a pass/fail line.

export interface FamilyResult {
  /** faults actually injected (a kill that landed, a lock held past the timeout, a call sent) */
  injected: number;
  /** injected faults after which the engine reached a settled, consistent state */
  converged: number;
  /** namespaces, Helm releases, values files or rows that should not exist after convergence */
  leftovers: number;
  /** stores whose row vanished or no longer reads back whole */
  lostRows: number;
  notes: string[];
}

export interface FaultReport {
  families: Record<string, FamilyResult>;
  totals: Omit<FamilyResult, 'notes'>;
  wallSeconds: number;
}

export function emptyResult(): FamilyResult {
  return { injected: 0, converged: 0, leftovers: 0, lostRows: 0, notes: [] };
}

export function totals(families: Record<string, FamilyResult>): FaultReport['totals'] {
  const sum = { injected: 0, converged: 0, leftovers: 0, lostRows: 0 };
  for (const r of Object.values(families)) {
    sum.injected += r.injected;
    sum.converged += r.converged;
    sum.leftovers += r.leftovers;
    sum.lostRows += r.lostRows;
  }
  return sum;
}

/** Adds the leftovers and lost rows found by a check, with one note per finding. */
export function addFindings(
  result: FamilyResult,
  found: { leftovers: string[]; lostRows: string[] },
): void {
  result.leftovers += found.leftovers.length;
  result.lostRows += found.lostRows.length;
  for (const l of found.leftovers) result.notes.push(`leftover: ${l}`);
  for (const l of found.lostRows) result.notes.push(`lost row: ${l}`);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
