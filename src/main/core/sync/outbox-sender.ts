import type { Command, Principal } from '@shared/domain'
import type { CommandReply } from '@shared/protocol'
import type { Outbox } from './outbox'

/**
 * How the sender reaches the server, with the command's author (who issued it here); throws when
 * the command may not have arrived (timeout, disconnect).
 */
export type SendCommand = (command: Command, author: Principal | null) => Promise<CommandReply>

/**
 * Works through the outbox strictly in order, one command in flight at a time:
 * the next one goes only after the previous one's ack, so the server sees them in
 * issue order. A transient failure keeps the command at the head (with backoff);
 * a rejection turns it into a conflict and the queue moves on.
 */
export class OutboxSender {
  private send: SendCommand | null = null
  private running = false
  private again = false
  private timer: NodeJS.Timeout | null = null
  private stopped = false

  constructor(
    private readonly outbox: Outbox,
    private readonly onSettled: (outcome: {
      commandId: string
      incidentId: string
      result: 'done' | 'retry' | 'conflict'
    }) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Connected (with a principal): start sending; null when the link drops. */
  setTransport(send: SendCommand | null): void {
    this.send = send
    if (!send) return
    // A fresh link: what waited out a backoff because the old one failed may go now.
    this.outbox.resetBackoff().then(
      () => this.kick(),
      () => this.kick(),
    )
  }

  /** Something was queued or the link came back: drain soon. */
  kick(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    void this.drain()
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  /** Resolves when the current drain (if any) has finished. */
  async idle(): Promise<void> {
    while (this.running) await new Promise((r) => setTimeout(r, 5))
  }

  private async drain(): Promise<void> {
    this.running = true
    try {
      do {
        this.again = false
        while (!this.stopped && this.send) {
          const head = await this.outbox.head()
          if (!head) break
          const wait = head.nextAttemptAt - this.now()
          if (wait > 0) {
            this.wakeIn(wait)
            break
          }
          const send = this.send
          let reply: CommandReply
          try {
            reply = await send(head.command, head.principal)
          } catch (err) {
            const at = await this.outbox.retryLater(head, err instanceof Error ? err.message : String(err))
            this.onSettled({ commandId: head.command.commandId, incidentId: head.command.incidentId, result: 'retry' })
            this.wakeIn(at - this.now())
            break
          }
          const result = await this.outbox.settle(head, reply)
          this.onSettled({ commandId: head.command.commandId, incidentId: head.command.incidentId, result })
          if (result === 'retry') {
            const next = await this.outbox.head()
            this.wakeIn(Math.max(0, (next?.nextAttemptAt ?? this.now()) - this.now()))
            break
          }
        }
      } while (this.again && !this.stopped)
    } catch {
      // The store failed under us (closing, disk): try again a little later.
      this.wakeIn(1000)
    } finally {
      this.running = false
    }
  }

  private wakeIn(ms: number): void {
    if (this.stopped) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(
      () => {
        this.timer = null
        this.kick()
      },
      Math.max(0, ms),
    )
    this.timer.unref?.()
  }
}
