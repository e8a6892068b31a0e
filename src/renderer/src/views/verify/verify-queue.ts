import type { IncidentView } from '@shared/contract'

/**
 * Cases fed back and waiting for on-site verification, in a grid worker's grid
 * (or every grid the reader's towns hold, for grid-centre staff with no grid of
 * their own), the longest-waiting first.
 */
export function awaitingVerification(rows: readonly IncidentView[], grid: string | null): IncidentView[] {
  return rows
    .filter((r) => r.status === 'resolved' && !r.suspended && (grid === null || r.gridId === grid))
    .sort((a, b) => (a.resolvedAt ?? 0) - (b.resolvedAt ?? 0))
}
