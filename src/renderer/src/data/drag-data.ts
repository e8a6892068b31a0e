/**
 * What a dragged incident carries (a board card or a console table row, possibly
 * from another window of the app): its id and the version the operator saw.
 */
export const INCIDENT_MIME = 'application/x-grid-incident'

export interface DraggedIncident {
  readonly id: string
  readonly version: number
}

/** The minimal DataTransfer surface, so this stays testable without a DOM. */
export interface TransferLike {
  setData(format: string, data: string): void
  getData(format: string): string
  readonly types: readonly string[]
}

export function writeDrag(transfer: TransferLike, incident: DraggedIncident & { code: string }): void {
  transfer.setData(INCIDENT_MIME, JSON.stringify({ id: incident.id, version: incident.version }))
  transfer.setData('text/plain', incident.code)
}

/** Whether a drag over a column is an incident (data itself is unreadable until drop). */
export function isIncidentDrag(transfer: Pick<TransferLike, 'types'>): boolean {
  return transfer.types.includes(INCIDENT_MIME)
}

export function readDrag(transfer: TransferLike): DraggedIncident | null {
  try {
    const value: unknown = JSON.parse(transfer.getData(INCIDENT_MIME))
    if (typeof value !== 'object' || value === null) return null
    const { id, version } = value as Record<string, unknown>
    return typeof id === 'string' && id.length > 0 && typeof version === 'number' ? { id, version } : null
  } catch {
    return null
  }
}
