import type { AssigneeKind } from './incident'
import type { ReferenceData } from './reference'

/** Display names over the reference data, in Chinese or English; an unknown id names itself. */
export interface ReferenceNames {
  readonly townName: (id: string) => string
  readonly gridName: (id: string) => string
  readonly assigneeName: (kind: AssigneeKind | null, id: string | null) => string
  readonly personName: (id: string) => string
}

export function referenceNames(ref: ReferenceData | null | undefined, english: boolean): ReferenceNames {
  const towns = new Map((ref?.towns ?? []).map((t) => [t.id, english ? t.nameEn : t.name]))
  const grids = new Map((ref?.grids ?? []).map((g) => [g.id, g.name]))
  const departments = new Map((ref?.departments ?? []).map((d) => [d.id, english ? d.nameEn : d.name]))
  const teams = new Map((ref?.teams ?? []).map((t) => [t.id, t.name]))
  const workers = new Map((ref?.workers ?? []).map((w) => [w.id, w.name]))
  return {
    townName: (id) => towns.get(id) ?? id,
    gridName: (id) => grids.get(id) ?? id,
    assigneeName: (kind, id) => {
      if (!kind || !id) return ''
      return (kind === 'department' ? departments.get(id) : teams.get(id)) ?? id
    },
    personName: (id) => workers.get(id) ?? id,
  }
}
