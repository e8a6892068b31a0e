import { cp, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_TOKENS } from '@shared/protocol'
import { SqliteDatabase } from '../../../src/infra/sqlite'
import { openServerDb, STORE_FILE } from '../../../src/server/db/open'
import { verifyStore } from '../../../src/server/index'
import { action, quietServer, report, tempDir } from './helpers'

const OPERATOR = DEMO_TOKENS.operator.principal
const SUPERVISOR = DEMO_TOKENS.supervisor.principal
const MIGRATIONS = resolve(import.meta.dirname, '../../../drizzle-server')

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

describe('command ids are per principal', () => {
  it('decides another principal’s command with a reused id on its own, and keeps each one’s reply', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.remove)
    let server = await quietServer(tmp.dir)
    const a = report()
    const b = report()
    const first = await server.submit(a, OPERATOR)
    expect(first).toMatchObject({ status: 'applied' })

    // The supervisor's different command under the operator's id: applied, not answered with the operator's reply.
    const reused = { ...b, commandId: a.commandId }
    const second = await server.submit(reused, SUPERVISOR)
    expect(second).toMatchObject({ status: 'applied', incidentId: b.incidentId })
    expect(server.incident(b.incidentId)?.reporterId).toBe(SUPERVISOR.actorId)

    // Each principal's resend still finds its own reply, also after a restart (the key is durable).
    await server.close()
    server = await quietServer(tmp.dir)
    const head = server.headSeq()
    expect(await server.submit(a, OPERATOR)).toEqual({ ...first, status: 'duplicate' })
    expect(await server.submit(reused, SUPERVISOR)).toEqual({ ...second, status: 'duplicate' })
    // A third principal reusing it for a comment gets its own decision too.
    const comment = { ...action('comment', a.incidentId, null, { text: '同号不同人' }), commandId: a.commandId }
    expect(await server.submit(comment, DEMO_TOKENS.henglanOperator.principal)).toMatchObject({ status: 'applied' })
    expect(server.headSeq()).toBe(head + 1)
    await server.close()
    expect((await verifyStore(tmp.dir)).ok).toBe(true)
  })

  it('upgrades a store of the previous version: replies kept per actor, their seqs and the head record filled in', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.remove)
    // A store written by the current server, copied into one made by the previous version's migrations (0000_init, 0001_auth).
    const current = join(tmp.dir, 'current')
    const server = await quietServer(current)
    const commands = [report(), report()]
    for (const c of commands) expect((await server.submit(c, OPERATOR)).status).toBe('applied')
    const refused = action('accept', 'no-such-case', null, {})
    expect(await server.submit(refused, OPERATOR)).toMatchObject({ code: 'not_found' })
    const head = server.headSeq()
    await server.close()

    const old = join(tmp.dir, 'migrations-0001')
    await cp(MIGRATIONS, old, { recursive: true })
    const journalFile = join(old, 'meta', '_journal.json')
    const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: { tag: string }[] }
    journal.entries = journal.entries.filter((e) => e.tag === '0000_init' || e.tag === '0001_auth')
    await writeFile(journalFile, JSON.stringify(journal))
    const legacy = join(tmp.dir, 'legacy')
    const before = await openServerDb(legacy, old)
    await before.db.exec(`ATTACH DATABASE '${join(current, STORE_FILE)}' AS cur;
      INSERT INTO events SELECT * FROM cur.events;
      INSERT INTO incidents SELECT * FROM cur.incidents;
      INSERT INTO meta SELECT * FROM cur.meta WHERE key = 'serverId';
      INSERT INTO commands (command_id, actor_id, reply, decided_at) SELECT command_id, actor_id, reply, decided_at FROM cur.commands;
      DETACH DATABASE cur;`)
    await before.db.close()

    const upgraded = await quietServer(legacy)
    try {
      expect(upgraded.headSeq()).toBe(head)
      expect(await upgraded.submit(commands[0]!, OPERATOR)).toMatchObject({ status: 'duplicate' })
      expect(await upgraded.submit(refused, OPERATOR)).toMatchObject({ status: 'rejected', code: 'not_found' })
      expect(await upgraded.submit(commands[0]!, SUPERVISOR)).toMatchObject({ code: 'already_exists' })
    } finally {
      await upgraded.close()
    }
    const db = await SqliteDatabase.open(join(legacy, STORE_FILE), { readonly: true })
    try {
      expect(await db.all('SELECT seq FROM commands WHERE actor_id = ? ORDER BY seq', [OPERATOR.actorId])).toEqual([
        { seq: null },
        { seq: 1 },
        { seq: 2 },
      ])
      const record = await db.get("SELECT value FROM meta WHERE key = 'head'")
      const last = await db.get('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1')
      expect(JSON.parse(String(record?.value))).toEqual(last)
    } finally {
      await db.close()
    }
    expect((await verifyStore(legacy)).ok).toBe(true)
  })
})
