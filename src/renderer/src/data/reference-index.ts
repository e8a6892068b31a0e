import type { Locale } from '@shared/contract'
import type { AssigneeKind, ComponentKind, ReferenceData, Team } from '@shared/domain'

/** Fast name lookups over the reference data, in the operator's language. */
export interface ReferenceIndex {
  readonly townName: (id: string) => string
  readonly gridName: (id: string) => string
  readonly assigneeName: (kind: AssigneeKind | null, id: string | null) => string
  readonly teamsOf: (townId: string) => readonly Team[]
  /** A grid worker's name, or the id when it is not a worker (a citizen, a department). */
  readonly personName: (id: string) => string
}

export function buildReferenceIndex(ref: ReferenceData | null | undefined, locale: Locale): ReferenceIndex {
  const en = locale === 'en'
  const towns = new Map((ref?.towns ?? []).map((t) => [t.id, en ? t.nameEn : t.name]))
  const grids = new Map((ref?.grids ?? []).map((g) => [g.id, g.name]))
  const departments = new Map((ref?.departments ?? []).map((d) => [d.id, en ? d.nameEn : d.name]))
  const teams = new Map((ref?.teams ?? []).map((t) => [t.id, t.name]))
  const workers = new Map((ref?.workers ?? []).map((w) => [w.id, w.name]))
  const teamsByTown = new Map<string, Team[]>()
  for (const team of ref?.teams ?? []) {
    const list = teamsByTown.get(team.townId)
    if (list) list.push(team)
    else teamsByTown.set(team.townId, [team])
  }
  return {
    townName: (id) => towns.get(id) ?? id,
    gridName: (id) => grids.get(id) ?? id,
    assigneeName: (kind, id) => {
      if (!kind || !id) return ''
      return (kind === 'department' ? departments.get(id) : teams.get(id)) ?? id
    },
    teamsOf: (townId) => teamsByTown.get(townId) ?? [],
    personName: (id) => workers.get(id) ?? id,
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
