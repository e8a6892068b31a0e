import type { CommandProcessor } from '../commands/command-processor'
import { createRng } from '../reference/rng'
import { escalationStep } from './engine'
import type { TimeModel } from './time-model'

/**
 * 督办: every `everyMs` the system escalates open cases past their deadline,
 * one level per handling period overdue (at most 3), through the command path.
 * Command ids come from this run's own generator (`runId`), so a restart never
 * reuses one.
 */
export function startEscalation(
  processor: CommandProcessor,
  everyMs: number,
  time: TimeModel,
  runId: string,
  clock: () => number = Date.now,
): () => void {
  const ids = createRng(`escalation/${runId}`)
  let running = false
  const sweep = async (): Promise<void> => {
    if (running) return
    running = true
    try {
      const now = clock()
      const steps = [...processor.all()].map((i) => escalationStep(i, now, time, ids)).filter((s) => s !== null)
      await processor.submitMany(
        steps.map((s) => ({ command: s.command, principal: s.principal, workstationId: null })),
      )
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void sweep(), everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
