import { useMemo, useRef } from 'react'
import type { MapFigures, PlaceFigures } from '@shared/contract'
import { usePushEvent, useRequest } from '../api/hooks'

/**
 * Map geometry (once) and figures (again whenever the core pushes new
 * aggregates: the map figures are composed with them, never polled).
 */
export function useMapData(): {
  geometry: ReturnType<typeof useRequest<'situation.geometry'>>['data']
  figures: MapFigures | undefined
  towns: ReadonlyMap<string, PlaceFigures>
  grids: ReadonlyMap<string, PlaceFigures>
} {
  const { data: geometry } = useRequest('situation.geometry', {})
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
  return { geometry, figures, towns, grids }
}
