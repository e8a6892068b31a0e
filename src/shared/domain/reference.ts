/**
 * Reference data: the district's structure. Built deterministically on the
 * server from kept sources and a seed (src/server/reference), cached by every workstation.
 * Geometry lives in resources/ (map files), not here.
 */
export interface Town {
  readonly id: string
  /** GB/T 2260 code of the town or sub-district (9 digits, e.g. 442000110 for Henglan). */
  readonly code?: string
  readonly name: string
  readonly nameEn: string
  readonly kind: 'town' | 'subdistrict'
  readonly areaKm2: number
  readonly population: number
  /** Centre, for labels and for placing incidents. */
  readonly lat: number
  readonly lng: number
}

export interface Grid {
  readonly id: string
  /**
   * Medium grids: the village or community committee's GB/T 2260 code (12 digits); small and
   * all-subject grids: their medium grid's code and a 3-digit serial.
   */
  readonly code?: string
  readonly townId: string
  /** Medium grid (village/community) a small or all-subject grid belongs to; null for medium grids. */
  readonly parentId: string | null
  readonly level: 'medium' | 'small' | 'all_subject'
  readonly name: string
  readonly lat: number
  readonly lng: number
}

export interface Department {
  readonly id: string
  readonly name: string
  readonly nameEn: string
}

/** A dispatchable field team: a police officer and a grid worker on joint duty (联勤搭档). */
export interface Team {
  readonly id: string
  readonly townId: string
  readonly name: string
  readonly officer: string
  readonly gridWorkerId: string
}

export interface Worker {
  readonly id: string
  readonly name: string
  readonly townId: string
  readonly gridId: string
  readonly fullTime: boolean
}

export const COMPONENT_KINDS = [
  'streetlight',
  'garbage_bin',
  'rental_building',
  'manhole',
  'hydrant',
  'gas_station',
] as const
export type ComponentKind = (typeof COMPONENT_KINDS)[number]

/** A coded city component (城市部件) with the QR code stuck on it. */
export interface CityComponent {
  readonly id: string
  readonly qrCode: string
  readonly kind: ComponentKind
  readonly townId: string
  readonly gridId: string
  readonly lat: number
  readonly lng: number
  readonly address: string
  /** Rental buildings: rooms (15+ is "large", 规模以上) and video door access. */
  readonly rooms: number | null
  readonly videoAccess: boolean | null
}

export interface ReferenceData {
  /** Changes whenever the data does; workstations refetch when it differs. */
  readonly version: string
  readonly towns: readonly Town[]
  readonly grids: readonly Grid[]
  readonly departments: readonly Department[]
  readonly teams: readonly Team[]
  readonly workers: readonly Worker[]
}
