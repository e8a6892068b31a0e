import { useCallback, useEffect, useRef, useState } from 'react'
import type { IncidentStatus } from '@shared/domain'
import { call, RequestError } from '../../api/client'
import { usePushEvent, useSyncStatus } from '../../api/hooks'
import { outcomeOf, settled, type BulkAction, type Outcome, type PlanItem } from './bulk-plan'

/** One case of a bulk run, as the result list shows it. */
export interface RunItem {
  readonly incidentId: string
  readonly code: string
  readonly title: string
  /** The case's status when planned (what a "state does not allow it" outcome names). */
  readonly status: IncidentStatus
  readonly commandId: string | null
  readonly outcome: Outcome
}

export interface BulkRun {
  readonly action: BulkAction
  readonly items: readonly RunItem[]
  /** Still submitting the commands one by one. */
  readonly submitting: boolean
}

/** How often unsettled outcomes are asked about besides the core's change notices. */
const POLL_MS = 2_000

/**
 * Runs a bulk plan through the outbox (`commands.submit`, one command per case, in order) and follows
 * each command to its own outcome; the run stays until the operator dismisses it.
 */
export function useBulkRun() {
  const [run, setRun] = useState<BulkRun | null>(null)
  const status = useSyncStatus()
  const online = status?.connection === 'online'
  const onlineRef = useRef(online)
  const runRef = useRef(run)
  useEffect(() => {
    onlineRef.current = online
    runRef.current = run
  }, [online, run])

  const refresh = useCallback(async () => {
    const current = runRef.current
    if (!current || current.items.every((i) => i.commandId === null || settled(i.outcome))) return
    const [outbox, conflicts] = await Promise.all([call('commands.pending', {}), call('conflicts.list', {})])
    const waiting = new Set(outbox.map((c) => c.commandId))
    setRun(
      (r) =>
        r && {
          ...r,
          items: r.items.map((i) =>
            i.commandId === null || settled(i.outcome)
              ? i
              : { ...i, outcome: outcomeOf(i.commandId, waiting, conflicts, onlineRef.current) },
          ),
        },
    )
  }, [])

  const start = useCallback(async (action: BulkAction, plan: readonly PlanItem[]) => {
    const items: RunItem[] = plan.map((p) => ({
      incidentId: p.incident.id,
      code: p.incident.code,
      title: p.incident.title,
      status: p.incident.status,
      commandId: null,
      outcome: 'skip' in p ? { kind: 'skipped', reason: p.skip } : { kind: 'pending' },
    }))
    setRun({ action, items, submitting: true })
    for (const [index, p] of plan.entries()) {
      if (!('command' in p)) continue
      let next: Partial<RunItem>
      try {
        const { commandId } = await call('commands.submit', p.command)
        next = { commandId }
      } catch (err) {
        next = { outcome: { kind: 'failed', message: err instanceof RequestError ? err.message : String(err) } }
      }
      setRun((r) => r && { ...r, items: r.items.map((i, k) => (k === index ? { ...i, ...next } : i)) })
    }
    setRun((r) => r && { ...r, submitting: false })
  }, [])

  // Follow the outcomes: on every change the core reports, and every few seconds while some are open.
  usePushEvent('changes', () => void refresh().catch(() => undefined))
  const open = run !== null && run.items.some((i) => i.commandId !== null && !settled(i.outcome))
  useEffect(() => {
    if (!open) return
    void refresh().catch(() => undefined)
    const id = setInterval(() => void refresh().catch(() => undefined), POLL_MS)
    return () => clearInterval(id)
  }, [open, refresh, online])

  return { run, start, dismiss: useCallback(() => setRun(null), []) }
}
