import { useEffect, useMemo, useRef, useState } from 'react'
import type { GeoShape, PlaceFigures } from '@shared/contract'
import { colorFor, figureOf, fit, labelPoint, pathOf, type ColorBy } from '../data/map-geometry'
import './DistrictMap.css'

export interface DistrictMapProps {
  readonly shapes: readonly GeoShape[]
  /** Outlines drawn on top without fill (medium grids over small ones). */
  readonly outlines?: readonly GeoShape[]
  readonly figures: ReadonlyMap<string, PlaceFigures>
  readonly colorBy: ColorBy
  readonly label?: (id: string) => string | null
  readonly onPick?: (id: string) => void
  readonly tooltip?: (id: string, f: PlaceFigures | undefined) => React.ReactNode
  /** Label size in screen pixels (converted to the SVG's units as it scales with its box). */
  readonly fontSize?: number
  readonly testId?: string
  /** The figure at which the colour scale tops out at least (see colorFor). */
  readonly scaleFloor?: number
}

const WIDTH = 1000

/** The schematic map as SVG: each shape filled by its figure; hover tells, click drills. */
export function DistrictMap({
  shapes,
  outlines = [],
  figures,
  colorBy,
  label,
  onPick,
  tooltip,
  fontSize = 14,
  testId,
  scaleFloor = 1,
}: DistrictMapProps) {
  const projection = useMemo(() => fit(shapes, WIDTH), [shapes])
  const paths = useMemo(
    () => (projection ? shapes.map((s) => ({ s, d: pathOf(s, projection), at: labelPoint(s, projection) })) : []),
    [shapes, projection],
  )
  const outlinePaths = useMemo(
    () => (projection ? outlines.map((s) => ({ id: s.id, d: pathOf(s, projection) })) : []),
    [outlines, projection],
  )
  const [hover, setHover] = useState<{ id: string; x: number; y: number } | null>(null)
  const box = useRef<HTMLDivElement>(null)
  // Map units per screen pixel: labels keep their pixel size whatever the map's size.
  const [unitsPerPx, setUnitsPerPx] = useState(1)
  useEffect(() => {
    const el = box.current
    if (!el || !projection) return
    const measure = () => {
      const w = el.clientWidth
      const h = el.clientHeight
      if (w > 0 && h > 0) setUnitsPerPx(Math.max(WIDTH / w, projection.height / h))
    }
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [projection])
  if (!projection) return null
  const font = fontSize * unitsPerPx
  const max = Math.max(0, ...shapes.map((s) => figureOf(figures.get(s.id), colorBy)))
  return (
    <div className="district-map" ref={box} data-testid={testId} onMouseLeave={() => setHover(null)}>
      <svg viewBox={`0 0 ${WIDTH} ${projection.height.toFixed(0)}`} preserveAspectRatio="xMidYMid meet" role="img">
        {paths.map(({ s, d }) => {
          const f = figures.get(s.id)
          return (
            <path
              key={s.id}
              d={d}
              data-id={s.id}
              data-open={f?.open ?? 0}
              data-overdue={f?.overdue ?? 0}
              className={`shape ${onPick ? 'pickable' : ''} ${hover?.id === s.id ? 'hover' : ''}`}
              fill={colorFor(figureOf(f, colorBy), max, scaleFloor)}
              onMouseMove={(e) => {
                const box = (e.currentTarget.ownerSVGElement?.parentElement ?? e.currentTarget).getBoundingClientRect()
                setHover({ id: s.id, x: e.clientX - box.left, y: e.clientY - box.top })
              }}
              onClick={() => onPick?.(s.id)}
            />
          )
        })}
        {outlinePaths.map((o) => (
          <path key={`o-${o.id}`} d={o.d} className="outline" />
        ))}
        {label &&
          paths.map(({ s, at }) => {
            const text = label(s.id)
            if (!text) return null
            const f = figures.get(s.id)
            return (
              <g
                key={`l-${s.id}`}
                className="shape-label"
                transform={`translate(${at[0].toFixed(1)},${at[1].toFixed(1)})`}
              >
                <text textAnchor="middle" fontSize={font} dy={-font * 0.15}>
                  {text}
                </text>
                <text textAnchor="middle" fontSize={font} dy={font * 1.05} className="figure">
                  {figureOf(f, colorBy)}
                </text>
              </g>
            )
          })}
      </svg>
      {hover && tooltip && (
        <div className="map-tooltip" style={{ left: hover.x + 14, top: hover.y + 14 }} data-testid="map-tooltip">
          {tooltip(hover.id, figures.get(hover.id))}
        </div>
      )}
    </div>
  )
}
