import type { Assignee, AssigneeKind, ReferenceData, ReferenceNames } from '@shared/domain'

/** One unit a case can go to, as a picker lists it. */
export interface UnitOption {
  /** `kind:id`, the picker's value (a department and a team may share an id). */
  readonly value: string
  readonly assignee: Assignee
  readonly label: string
}

export interface UnitGroups {
  readonly departments: readonly UnitOption[]
  /** Joint teams (联勤) of the case's town: a team works where its town is. */
  readonly teams: readonly UnitOption[]
}

export const unitValue = (a: Assignee): string => `${a.kind}:${a.id}`

/** The unit a picker value names, or null for "none" or anything else. */
export function parseUnitValue(value: string): Assignee | null {
  const at = value.indexOf(':')
  if (at < 1 || at === value.length - 1) return null
  const kind = value.slice(0, at)
  if (kind !== 'department' && kind !== 'team') return null
  return { kind, id: value.slice(at + 1) }
}

/**
 * Where a case that was wrongly routed (退单) can go instead: every department
 * and the joint teams of the case's town, never the unit it is with now.
 */
export function redispatchUnits(
  ref: Pick<ReferenceData, 'departments' | 'teams'> | null,
  names: Pick<ReferenceNames, 'assigneeName'>,
  incident: { readonly townId: string; readonly assigneeKind: AssigneeKind | null; readonly assigneeId: string | null },
): UnitGroups {
  const current = (kind: AssigneeKind, id: string) => incident.assigneeKind === kind && incident.assigneeId === id
  const option = (kind: AssigneeKind, id: string): UnitOption => ({
    value: unitValue({ kind, id }),
    assignee: { kind, id },
    label: names.assigneeName(kind, id),
  })
  return {
    departments: (ref?.departments ?? [])
      .filter((d) => !current('department', d.id))
      .map((d) => option('department', d.id)),
    teams: (ref?.teams ?? [])
      .filter((t) => t.townId === incident.townId && !current('team', t.id))
      .map((t) => option('team', t.id)),
  }
}
