import { applyEvent, decide, type Incident, type IncidentEvent } from '@shared/domain'
import type { CommandProcessor, Submission } from '../commands/command-processor'
import type { GeneratedReference } from '../reference/generate'
import { createRng } from '../reference/rng'
import { escalationStep, nextStep, stepDelay, type EngineOptions, type Step } from './engine'
import { TimeHeap } from './heap'
import { DistrictModel, RHYTHM_PEAK, rhythm } from './model'

const DAY = 24 * 3_600_000
const SWEEP_MS = 3_600_000

export interface HistoryOptions {
  readonly incidents: number
  readonly days: number
  readonly seed: string
  readonly now: number
}

type Item = { kind: 'arrival' } | { kind: 'step'; id: string } | { kind: 'sweep' }

/**
 * Seeds an empty store with a realistic past: `incidents` reports over the
 * last `days`, each carried through its lifecycle in virtual time by the same
 * engine the live simulator uses (real delays, late cases, rework,
 * suspensions, automatic escalations), cut off at `now` so recent cases are
 * still open. The commands are worked out against a local projection, then
 * submitted in time order through the ordinary command path.
 */
export async function seedHistory(
  processor: CommandProcessor,
  ref: GeneratedReference,
  opts: HistoryOptions,
): Promise<number> {
  if (opts.incidents <= 0) return 0
  const rng = createRng(`${opts.seed}/history`)
  const model = new DistrictModel(ref)
  const engine: EngineOptions = { reportedAgeMs: 0, speed: 1 }
  const start = opts.now - opts.days * DAY
  const local = new Map<string, Incident>()
  const heap = new TimeHeap<Item>()
  const out: Submission[] = []
  const assignees = new Set([
    ...ref.data.departments.map((d) => `department/${d.id}`),
    ...ref.data.teams.map((t) => `team/${t.id}`),
  ])

  for (let n = 0; n < opts.incidents;) {
    const t = start + rng.next() * (opts.now - start)
    if (rng.next() * RHYTHM_PEAK > rhythm(t)) continue
    heap.push(t, { kind: 'arrival' })
    n++
  }
  for (let t = start + SWEEP_MS; t < opts.now; t += SWEEP_MS) heap.push(t, { kind: 'sweep' })

  let seq = 0
  const apply = (step: Step, at: number): Incident | null => {
    const current = local.get(step.command.incidentId) ?? null
    const result = decide(current, step.command, step.principal, {
      now: at,
      nextCode: () => 'pending',
      assigneeExists: (kind, id) => assignees.has(`${kind}/${id}`),
      lookup: (id) => local.get(id) ?? null,
    })
    if (!result.ok) return null
    const event = {
      ...result.decision,
      incidentId: step.command.incidentId,
      seq: ++seq,
      actorId: step.principal.actorId,
      serverTime: at,
    } as unknown as IncidentEvent
    const next = applyEvent(current, event)
    local.set(next.id, next)
    out.push({ command: step.command, principal: step.principal, workstationId: null, at })
    return next
  }

  for (;;) {
    const item = heap.pop()
    if (!item || item.at > opts.now) break
    const at = Math.round(item.at)
    if (item.value.kind === 'sweep') {
      for (const i of local.values()) {
        const step = escalationStep(rng, i, at)
        if (step) apply(step, at)
      }
      continue
    }
    let next: Incident | null
    if (item.value.kind === 'arrival') {
      next = apply(model.report(rng, at), at)
    } else {
      const current = local.get(item.value.id)
      if (!current) continue
      const step = nextStep(model, rng, current, at, engine)
      if (step === null) continue
      next = step === 'wait' ? current : (apply(step, at) ?? current)
    }
    if (next) {
      const delay = stepDelay(rng, next, at, engine)
      if (Number.isFinite(delay)) heap.push(at + Math.max(1, delay), { kind: 'step', id: next.id })
    }
  }
  const replies = await processor.submitMany(out)
  return replies.filter((r) => r.status === 'applied').length
}
