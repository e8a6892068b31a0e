import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_TOKENS } from '@shared/protocol'
import { EventLog } from '../../../src/server/log/event-log'
import type { RunningServer } from '../../../src/server/index'
import { action, client, quietServer, report, send, sync, tempDir } from './helpers'

/** Holds the log's next batch write until released; `entered` resolves once one waits. */
function holdNextWrite(): { entered: Promise<void>; release: () => void } {
  const write = EventLog.prototype.writeBatch
  let release = () => {}
  let enter = () => {}
  const entered = new Promise<void>((r) => (enter = r))
  const held = new Promise<void>((r) => (release = r))
  const spy = vi.spyOn(EventLog.prototype, 'writeBatch').mockImplementationOnce(async function (
    this: EventLog,
    ...args: Parameters<EventLog['writeBatch']>
  ) {
    enter()
    await held
    spy.mockRestore()
    return write.apply(this, args)
  })
  return { entered, release }
}

describe('what the server shows while a batch is being written', () => {
  let server: RunningServer | null = null
  let tmp: ReturnType<typeof tempDir> | null = null
  const start = async () => {
    tmp = tempDir()
    server = await quietServer(tmp.dir)
    return server
  }
  afterEach(async () => {
    vi.restoreAllMocks()
    await server?.close()
    tmp?.remove()
    server = tmp = null
  })

  it('is the committed head: a reset snapshot never pairs an old seq with newer cases', async () => {
    const srv = await start()
    const first = report()
    expect(await srv.submit(first, DEMO_TOKENS.operator.principal)).toMatchObject({ status: 'applied' })
    const head = srv.headSeq()

    const write = holdNextWrite()
    const dispatch = srv.submit(
      action('dispatch', first.incidentId, 1, { assignee: { kind: 'department', id: 'fire' } }),
      DEMO_TOKENS.operator.principal,
    )
    try {
      await write.entered
      // Decided but not yet on disk: nobody may see it.
      expect(srv.incident(first.incidentId)).toMatchObject({ status: 'reported', version: 1 })
      const fresh = await client(srv.url, DEMO_TOKENS.wall.token, 'wall-reset')
      try {
        const reset = await sync(fresh, 0, 'some-other-server')
        expect(reset.reply.mode).toBe('reset')
        expect(reset.snapshotSeq).toBe(head)
        expect(reset.snapshot.find((i) => i.id === first.incidentId)).toMatchObject({ status: 'reported', version: 1 })
      } finally {
        fresh.close()
      }
    } finally {
      write.release()
    }
    expect(await dispatch).toMatchObject({ status: 'applied', seq: head + 1, version: 2 })
    expect(srv.incident(first.incidentId)).toMatchObject({ status: 'dispatched', version: 2 })
  })

  it('stays as it was when the write fails, and the command can be sent again', async () => {
    const srv = await start()
    const first = report()
    await srv.submit(first, DEMO_TOKENS.operator.principal)
    vi.spyOn(EventLog.prototype, 'writeBatch').mockRejectedValueOnce(new Error('disk full'))
    const dispatch = action('dispatch', first.incidentId, 1, { assignee: { kind: 'department', id: 'fire' } })
    expect(await srv.submit(dispatch, DEMO_TOKENS.operator.principal)).toMatchObject({
      status: 'rejected',
      code: 'unavailable',
    })
    expect(srv.incident(first.incidentId)).toMatchObject({ status: 'reported', version: 1 })
    const again = await client(srv.url)
    try {
      expect(await send(again, dispatch)).toMatchObject({ status: 'applied', version: 2 })
    } finally {
      again.close()
    }
  })
})
