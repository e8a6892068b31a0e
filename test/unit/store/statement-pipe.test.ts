import { describe, expect, it } from 'vitest'
import type { SqlExecutor } from '../../../src/infra/sqlite'
import { StatementPipe } from '../../../src/main/core/store/statement-pipe'

/** An executor whose statements finish when the test says so, recording what ran when. */
function scriptedExecutor() {
  const log: string[] = []
  const pending: { sql: string; finish: (error?: Error) => void }[] = []
  let inFlight = 0
  const tx: SqlExecutor = {
    run: (sql) => {
      log.push(`start ${sql}`)
      if (++inFlight > 1) log.push('OVERLAP')
      return new Promise((resolve, reject) =>
        pending.push({
          sql,
          finish: (error) => {
            inFlight--
            log.push(`end ${sql}`)
            if (error) reject(error)
            else resolve({ changes: 1, lastID: 0 })
          },
        }),
      )
    },
    all: () => Promise.reject(new Error('not used')),
    get: () => Promise.reject(new Error('not used')),
    exec: () => Promise.reject(new Error('not used')),
  }
  const settle = () => new Promise((r) => setImmediate(r))
  return { tx, log, pending, settle }
}

describe('StatementPipe', () => {
  it('runs queued statements one at a time, in order, and starts the first at once', async () => {
    const { tx, log, pending, settle } = scriptedExecutor()
    const pipe = new StatementPipe(tx)
    pipe.push([
      ['a', []],
      ['b', []],
    ])
    expect(log).toEqual(['start a']) // started synchronously, b waits
    expect(pipe.waiting).toBe(1)
    pipe.push([['c', []]])
    pending.shift()!.finish()
    await settle()
    pending.shift()!.finish()
    await settle()
    pending.shift()!.finish()
    await pipe.drain()
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
    expect(pipe.waiting).toBe(0)
  })

  it('skips what follows a failure and reports it only once nothing is in flight', async () => {
    const { tx, log, pending, settle } = scriptedExecutor()
    const pipe = new StatementPipe(tx)
    pipe.push([
      ['a', []],
      ['b', []],
      ['c', []],
    ])
    pending.shift()!.finish(new Error('constraint failed'))
    let drained: unknown = null
    const done = pipe.drain().catch((e: unknown) => (drained = e))
    await settle()
    await done
    expect((drained as Error).message).toBe('constraint failed')
    expect(log).toEqual(['start a', 'end a']) // b and c never reached SQLite
    expect(pending).toHaveLength(0)
  })

  it('starts again at once after running dry', async () => {
    const { tx, log, pending, settle } = scriptedExecutor()
    const pipe = new StatementPipe(tx)
    pipe.push([['a', []]])
    pending.shift()!.finish()
    await settle()
    pipe.push([['b', []]])
    expect(log.at(-1)).toBe('start b')
    pending.shift()!.finish()
    await pipe.drain()
  })
})
