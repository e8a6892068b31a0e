import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_TOKENS } from '@shared/protocol'
import { deadlineRange } from '@shared/domain'
import type { RunningServer } from '../../../src/server/index'
import { action, client, quietServer, report, send, tempDir, type ClientSocket } from './helpers'

const HOUR = 3_600_000

describe('a deadline set at dispatch, on the server', () => {
  const tmp = tempDir()
  let server: RunningServer
  let op: ClientSocket

  beforeAll(async () => {
    server = await quietServer(tmp.dir)
    op = await client(server.url, DEMO_TOKENS.operator.token, 'ws-dl')
  })
  afterAll(async () => {
    op.close()
    await server.close()
    tmp.remove()
  })

  it('rejects one outside the category range or without a reason, and folds a valid one with its reason', async () => {
    const created = report({ category: 'environment_sanitation', priority: 'normal' })
    expect((await send(op, created)).status).toBe('applied')
    const id = created.incidentId
    const assignee = { kind: 'department' as const, id: 'sanitation' }
    const range = deadlineRange('environment_sanitation', 'normal')
    const before = server.headSeq()

    const tooLong = await send(
      op,
      action('dispatch', id, 1, { assignee, deadline: Date.now() + range.maxMs + HOUR, deadlineReason: '节假日' }),
    )
    expect(tooLong).toMatchObject({ status: 'rejected', code: 'deadline_out_of_range', currentVersion: 1 })
    if (tooLong.status === 'rejected') expect(tooLong.message).toContain('6 h to 48 h')
    const noReason = await send(op, action('dispatch', id, 1, { assignee, deadline: Date.now() + 36 * HOUR }))
    expect(noReason).toMatchObject({ status: 'rejected', code: 'deadline_reason_required' })
    // Nothing was written for either.
    expect(server.headSeq()).toBe(before)
    expect(server.incident(id)?.status).toBe('reported')

    const deadline = Date.now() + 36 * HOUR
    const ok = await send(op, action('dispatch', id, 1, { assignee, deadline, deadlineReason: '需协调物业' }))
    expect(ok.status).toBe('applied')
    expect(server.incident(id)).toMatchObject({
      status: 'dispatched',
      deadline,
      firstDeadline: deadline,
      deadlineReason: '需协调物业',
    })
  })
})
