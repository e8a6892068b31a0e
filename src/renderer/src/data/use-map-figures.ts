import { useMemo, useRef } from 'react'
import type { MapFigures, PlaceFigures } from '@shared/contract'
import { usePushEvent, useRequest } from '../api/hooks'

/**
 * The map figures per town and grid, fetched again whenever the core pushes
 * new aggregates (the figures are composed with them, never polled).
 */
export function useMapFigures(): {
  figures: MapFigures | undefined
  towns: ReadonlyMap<string, PlaceFigures>
  grids: ReadonlyMap<string, PlaceFigures>
} {
  const { data: figures, reload } = useRequest('situation.map', {})
  const last = useRef(0)
  usePushEvent('aggregates', (a) => {
    if (a.version !== last.current) {
      last.current = a.version
      reload()
    }
  })
  const towns = useMemo(() => new Map((figures?.towns ?? []).map((f) => [f.id, f])), [figures])
  const grids = useMemo(() => new Map((figures?.grids ?? []).map((f) => [f.id, f])), [figures])
  return { figures, towns, grids }
}
