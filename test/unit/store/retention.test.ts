import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../../src/main/core/store/open-store'
import { pruneFinished } from '../../../src/main/core/store/retention'
import { applyEvents } from '../../../src/main/core/sync/apply-events'
import { EventFactory } from '../sync/event-factory'
import { tempStore } from '../sync/helpers'

let store: Store
let cleanup: () => Promise<void>
beforeEach(async () => ({ store, cleanup } = await tempStore()))
afterEach(() => cleanup())

describe('pruneFinished', () => {
  it('keeps open incidents and recent finished ones; late comments on pruned ones are skipped, not quarantined', async () => {
    const f = new EventFactory(Date.UTC(2026, 0, 1))
    const events = f.stream(7 * 40, 40) // every case walks to closed
    events.push(f.report('open-one'))
    await applyEvents(store.sqlite, events, 'replay')
    expect(Number((await store.sqlite.get("SELECT count(*) AS n FROM incidents WHERE status = 'closed'"))?.n)).toBe(40)
    const removed = await pruneFinished(store.sqlite, { keepClosedDays: 90, batch: 7, now: Date.UTC(2026, 6, 1) })
    expect(removed).toBe(40)
    expect(Number((await store.sqlite.get('SELECT count(*) AS n FROM incidents'))?.n)).toBe(1)
    expect(
      Number((await store.sqlite.get("SELECT count(*) AS n FROM incident_events WHERE incident_id <> 'open-one'"))?.n),
    ).toBe(0)
    const late = await applyEvents(store.sqlite, [f.step(events[0]!.incidentId)], 'live')
    expect(late.quarantined).toBe(0)
    expect(late.cursor).toBe(events.length + 1)
  })

  it('keeps finished incidents inside the window', async () => {
    const f = new EventFactory(Date.UTC(2026, 0, 1))
    await applyEvents(store.sqlite, f.stream(7 * 5, 5), 'replay')
    expect(await pruneFinished(store.sqlite, { keepClosedDays: 90, now: Date.UTC(2026, 1, 1) })).toBe(0)
  })
})
