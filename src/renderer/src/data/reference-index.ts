import type { Locale } from '@shared/contract'
import { referenceNames, type AssigneeKind, type ComponentKind, type ReferenceData, type Team } from '@shared/domain'

/** Fast name lookups over the reference data, in the operator's language. */
export interface ReferenceIndex {
  readonly townName: (id: string) => string
  readonly gridName: (id: string) => string
  readonly assigneeName: (kind: AssigneeKind | null, id: string | null) => string
  readonly teamsOf: (townId: string) => readonly Team[]
  /** A grid worker's name, or the id when it is not a worker (a citizen, a department). */
  readonly personName: (id: string) => string
  /** Every town, grid and assignee (department or team) with its name, for matching typed text to ids. */
  readonly towns: readonly Named[]
  readonly grids: readonly Named[]
  readonly assignees: readonly Named[]
}

export interface Named {
  readonly id: string
  readonly name: string
}

export function buildReferenceIndex(ref: ReferenceData | null | undefined, locale: Locale): ReferenceIndex {
  const names = referenceNames(ref, locale === 'en')
  const teamsByTown = new Map<string, Team[]>()
  for (const team of ref?.teams ?? []) {
    const list = teamsByTown.get(team.townId)
    if (list) list.push(team)
    else teamsByTown.set(team.townId, [team])
  }
  const en = locale === 'en'
  return {
    ...names,
    teamsOf: (townId) => teamsByTown.get(townId) ?? [],
    towns: (ref?.towns ?? []).map((t) => ({ id: t.id, name: en ? t.nameEn : t.name })),
    grids: (ref?.grids ?? []).map((g) => ({ id: g.id, name: g.name })),
    assignees: [
      ...(ref?.departments ?? []).map((d) => ({ id: d.id, name: en ? d.nameEn : d.name })),
      ...(ref?.teams ?? []).map((t) => ({ id: t.id, name: t.name })),
    ],
  }
}

/**
 * The QR code printed on a city component (城市部件), from its id: the server codes
 * `henglan-rb-00012` as `ZSQR-HENGLAN-RB-00012` (src/server/reference/generate.ts).
 */
export function componentQr(componentId: string | null): string | null {
  if (!componentId) return null
  const m = /^(.+)-([a-z]+)-(\d+)$/.exec(componentId)
  if (!m) return null
  return `ZSQR-${(m[1] ?? '').toUpperCase()}-${(m[2] ?? '').toUpperCase()}-${m[3] ?? ''}`
}

const KIND_BY_CODE: Record<string, ComponentKind> = {
  sl: 'streetlight',
  gb: 'garbage_bin',
  rb: 'rental_building',
  mh: 'manhole',
  hy: 'hydrant',
  gs: 'gas_station',
}

/** The kind of city component an id names (its middle segment), when it is one the server codes. */
export function componentKind(componentId: string | null): ComponentKind | null {
  if (!componentId) return null
  const m = /-([a-z]+)-\d+$/.exec(componentId)
  return (m && KIND_BY_CODE[m[1] ?? '']) || null
}
