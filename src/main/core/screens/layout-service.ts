import type { SqlExecutor } from '@infra/sqlite'
import { screenLayoutSchema, type SavedLayout, type ScreenLayout } from '@shared/contract'
import { fetchRemoteLayout, saveRemoteLayout, type ServerLinkLike } from './layout-remote'
import { readLocalLayout, toSaved, writeLocalLayout } from './layout-store'

export interface LayoutRemote {
  fetch(): Promise<{ layout: unknown; updatedAt: number | null }>
  save(layout: ScreenLayout): Promise<{ updatedAt: number | null }>
}

export function socketRemote(link: ServerLinkLike): LayoutRemote {
  return { fetch: () => fetchRemoteLayout(link), save: (layout) => saveRemoteLayout(link, layout) }
}

/**
 * Layouts follow the operator: the server's copy wins when it is reachable and
 * newer; a copy saved offline is uploaded at the next chance; without the server
 * the local copy is used.
 */
export class LayoutService {
  constructor(
    private readonly db: SqlExecutor,
    private readonly remote: LayoutRemote | null,
    private readonly actor: () => string,
  ) {}

  async get(): Promise<SavedLayout> {
    const actorId = this.actor()
    const local = await readLocalLayout(this.db, actorId)
    if (!this.remote) return toSaved(local, 'local')
    try {
      const reply = await this.remote.fetch()
      const parsed = screenLayoutSchema.safeParse(reply.layout)
      const remoteAt = reply.updatedAt ?? 0
      if (local?.pendingUpload && local.updatedAt >= remoteAt) {
        const saved = await this.remote.save(local.layout)
        const record = { layout: local.layout, updatedAt: saved.updatedAt ?? local.updatedAt, pendingUpload: false }
        await writeLocalLayout(this.db, actorId, record)
        return toSaved(record, 'server')
      }
      if (!parsed.success) return local ? toSaved(local, 'local') : toSaved(null, 'none')
      const record = { layout: parsed.data, updatedAt: remoteAt, pendingUpload: false }
      await writeLocalLayout(this.db, actorId, record)
      return toSaved(record, 'server')
    } catch {
      return toSaved(local, 'local')
    }
  }

  async save(layout: ScreenLayout): Promise<SavedLayout> {
    const actorId = this.actor()
    // Local first, so a save made during an outage is never lost.
    const pending = { layout, updatedAt: Date.now(), pendingUpload: true }
    await writeLocalLayout(this.db, actorId, pending)
    if (!this.remote) return toSaved({ ...pending, pendingUpload: false }, 'local')
    try {
      const saved = await this.remote.save(layout)
      const record = { layout, updatedAt: saved.updatedAt ?? pending.updatedAt, pendingUpload: false }
      await writeLocalLayout(this.db, actorId, record)
      return toSaved(record, 'server')
    } catch {
      return toSaved(pending, 'local')
    }
  }
}
