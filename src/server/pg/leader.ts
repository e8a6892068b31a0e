import pg from 'pg'

/** The advisory lock key of the cluster's one simulator/escalation leader (any fixed key of this app's). */
export const LEADER_LOCK = 4_311_020

export interface Leadership {
  /** Whether this node holds the lock now. */
  readonly leading: boolean
  close(): Promise<void>
}

/**
 * Runs `lead` while this node holds a session-level advisory lock on a connection of its own,
 * and `follow` when it loses it. The lock lives as long as that connection: when the holder
 * dies (a crash, SIGKILL, a lost network), PostgreSQL ends its session and frees the lock, and
 * the next node to try (every `pollMs`) takes over. A node whose lock connection fails stops
 * leading at once, before it could run alongside the next leader.
 */
export function leadWhenFree(
  url: string,
  handlers: { lead: () => void; follow: () => void },
  pollMs = 1000,
  key = LEADER_LOCK,
): Leadership {
  let client: pg.Client | null = null
  let leading = false
  let closed = false
  let timer: NodeJS.Timeout | null = null

  const step = (): void => {
    if (closed) return
    timer = setTimeout(() => void attempt(), pollMs)
    timer.unref()
  }
  const lost = (c: pg.Client): void => {
    if (client !== c) return
    client = null
    if (leading) {
      leading = false
      handlers.follow()
    }
  }
  const attempt = async (): Promise<void> => {
    try {
      if (!client) {
        const c = new pg.Client({ connectionString: url, application_name: 'grid-leader' })
        c.on('error', () => lost(c))
        c.on('end', () => lost(c))
        await c.connect()
        if (closed) return void (await c.end())
        client = c
      }
      if (!leading) {
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key])
        if (rows[0]?.ok && !closed) {
          leading = true
          handlers.lead()
        }
      } else {
        // Still connected means still holding: a round trip notices a dead connection early.
        await client.query('SELECT 1')
      }
    } catch {
      const c = client
      if (c) {
        lost(c)
        await c.end().catch(() => undefined)
      }
    }
    step()
  }
  void attempt()

  return {
    get leading() {
      return leading
    },
    close: async () => {
      closed = true
      if (timer) clearTimeout(timer)
      const c = client
      client = null
      if (leading) {
        leading = false
        handlers.follow()
      }
      // Ending the session frees the lock for the next node.
      await c?.end().catch(() => undefined)
    },
  }
}
