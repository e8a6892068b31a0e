import type { AppInfo } from '@shared/contract'
import type { Registry } from '../registry'
import type { StatusBoard } from '../status-board'
import { readSettings, writeSettings } from '../settings-store'
import type { Store } from '../store/open-store'
import { readDatabaseStatus } from '../database-status'

export function registerAppHandlers(
  registry: Registry,
  deps: { info: AppInfo; store: Store; status: StatusBoard; recoveredFrom: string | null },
): void {
  registry
    .register('app.info', () => deps.info)
    .register('status.get', async () => {
      // Refresh the database figures on demand: the status bar shows a real round trip.
      deps.status.update({ database: await readDatabaseStatus(deps.store, deps.recoveredFrom) })
      return deps.status.get()
    })
    .register('settings.get', () => readSettings(deps.store.db))
    .register('settings.set', (args) => writeSettings(deps.store.db, args))
}
