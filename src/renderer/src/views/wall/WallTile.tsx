import type { ReactNode } from 'react'
import { DataAge } from '../../components/DataAge'
import type { Freshness } from '../../data/situation-shape'

/** A framed tile on the wall; every tile carries the age of its data in its corner. */
export function WallTile({
  title,
  freshness,
  children,
  className = '',
  testId,
}: {
  title?: ReactNode
  freshness: Freshness
  children: ReactNode
  className?: string
  testId?: string
}) {
  return (
    <section className={`wall-tile ${freshness.live ? '' : 'is-stale'} ${className}`} data-testid={testId}>
      {title && <h3 className="wall-tile-title">{title}</h3>}
      <div className="wall-tile-body">{children}</div>
      <footer className="wall-tile-age">
        <DataAge freshness={freshness} />
      </footer>
    </section>
  )
}
