import { useCallback, useLayoutEffect, useRef, useState } from 'react'
import type { MapEngine } from '../../components/live-map/maplibre-adapter'

export interface Box {
  readonly x0: number
  readonly y0: number
  readonly x1: number
  readonly y1: number
}

export interface DragState {
  readonly caseId: string
  readonly code: string
  readonly x: number
  readonly y: number
  /** Over a joint team now (the drop would dispatch). */
  readonly team: string | null
}

/** Pointer moves shorter than this are clicks, not drags. */
const DRAG_PX = 6

/**
 * The map's two pointer gestures besides MapLibre's pan and zoom: Shift+drag
 * draws a box (→ `onBox` with its corners), and dragging a case point carries
 * it (→ `onDrop` with the team under the pointer, if any). Both switch the
 * map's own drag-to-pan off while they last.
 */
export function useMapGestures(
  engine: MapEngine | null,
  handlers: {
    onBox: (box: Box) => void
    onDrop: (caseId: string, teamId: string | null, code: string) => void
  },
) {
  const [box, setBox] = useState<Box | null>(null)
  const [drag, setDrag] = useState<DragState | null>(null)
  const latest = useRef(handlers)
  useLayoutEffect(() => {
    latest.current = handlers
  })

  const onMouseDownCapture = useCallback(
    (e: React.MouseEvent<HTMLDivElement>) => {
      if (!engine || e.button !== 0) return
      const rect = e.currentTarget.getBoundingClientRect()
      const x0 = e.clientX - rect.left
      const y0 = e.clientY - rect.top
      const teamAt = (x: number, y: number) => {
        const t = engine.pick(x, y, ['unit-teams'])[0]
        return t ? String(t.properties.unitId ?? '') || null : null
      }
      let move: ((ev: MouseEvent) => void) | null = null
      if (e.shiftKey) {
        engine.setDragPan(false)
        setBox({ x0, y0, x1: x0, y1: y0 })
        move = (ev) => setBox({ x0, y0, x1: ev.clientX - rect.left, y1: ev.clientY - rect.top })
        const up = (ev: MouseEvent) => {
          window.removeEventListener('mousemove', move as (ev: MouseEvent) => void)
          window.removeEventListener('mouseup', up)
          engine.setDragPan(true)
          setBox(null)
          const b = { x0, y0, x1: ev.clientX - rect.left, y1: ev.clientY - rect.top }
          if (Math.abs(b.x1 - b.x0) > DRAG_PX && Math.abs(b.y1 - b.y0) > DRAG_PX) latest.current.onBox(b)
        }
        window.addEventListener('mousemove', move)
        window.addEventListener('mouseup', up)
        e.preventDefault()
        return
      }
      const hit = engine.pick(x0, y0, ['case-points'])[0]
      if (!hit) return
      const caseId = String(hit.properties.id ?? '')
      const code = String(hit.properties.code ?? '')
      if (!caseId) return
      // A case point: a drag carries it instead of panning the map.
      engine.setDragPan(false)
      let dragging = false
      move = (ev) => {
        const x = ev.clientX - rect.left
        const y = ev.clientY - rect.top
        if (!dragging && Math.hypot(x - x0, y - y0) < DRAG_PX) return
        dragging = true
        setDrag({ caseId, code, x, y, team: teamAt(x, y) })
      }
      const up = (ev: MouseEvent) => {
        window.removeEventListener('mousemove', move as (ev: MouseEvent) => void)
        window.removeEventListener('mouseup', up)
        engine.setDragPan(true)
        setDrag(null)
        if (!dragging) return
        const x = ev.clientX - rect.left
        const y = ev.clientY - rect.top
        latest.current.onDrop(caseId, teamAt(x, y), code)
      }
      window.addEventListener('mousemove', move)
      window.addEventListener('mouseup', up)
    },
    [engine],
  )

  return { box, drag, onMouseDownCapture }
}
