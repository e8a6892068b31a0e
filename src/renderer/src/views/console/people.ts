import type { Role } from '@shared/domain'
import type { ReferenceIndex } from '../../data/reference-index'

/**
 * People, not ids: who acted on a case, as timelines and conflicts name them ("王敏（指挥中心）",
 * "燃气管理办（处置部门）"), never `dept-gas` or `ws-1e7d34da`. Pure: the caller passes its translate.
 */
export interface Actor {
  readonly actorId: string
  readonly actorName: string
  readonly role: Role
}

type Translate = (key: string, options?: Record<string, unknown>) => string

/** Command-room roles work for the command centre; the others are named by their role. */
const COMMAND_ROOM: ReadonlySet<Role> = new Set<Role>(['operator', 'supervisor', 'wall'])

/** A department account's unit: `dept-gas` works for the department `gas` (the server's naming of unit accounts). */
export function departmentOf(actorId: string): string | null {
  const m = /^dept-(.+)$/.exec(actorId)
  return m?.[1] ?? null
}

/** "Name (unit)": the best name the workstation knows, then where the person works. */
export function personLabel(actor: Actor, index: ReferenceIndex, t: Translate): string {
  const unit = COMMAND_ROOM.has(actor.role)
    ? t('people.commandCentre')
    : t(`roles.${actor.role}`, { ns: 'translation' })
  const dept = departmentOf(actor.actorId)
  if (dept) {
    const deptName = index.assigneeName('department', dept)
    if (deptName && deptName !== dept) return t('people.person', { name: deptName, unit })
  }
  // A name the core resolved (reference data or this operator's own session), not the account id echoed.
  const named = actor.actorName.trim() !== '' && actor.actorName !== actor.actorId
  if (named) return t('people.person', { name: actor.actorName, unit })
  const role = t(`roles.${actor.role}`, { ns: 'translation' })
  return COMMAND_ROOM.has(actor.role) ? t('people.person', { name: role, unit }) : role
}

/** Which workstation: this one, or another (its id means nothing to an operator). */
export function workstationLabel(workstationId: string | null, mine: string | null, t: Translate): string | null {
  if (!workstationId) return null
  return workstationId === mine ? t('people.thisWorkstation') : t('people.otherWorkstation')
}

export interface ConflictSentence {
  readonly key: 'conflicts.changedTo' | 'conflicts.changedBy'
  readonly params: Record<string, string>
}

/** The conflict's sentence: who changed the case, when, how (and to whom, for a dispatch). */
export function conflictSentence(
  change: Actor & { readonly type: string; readonly serverTime: number; readonly payload: Record<string, unknown> },
  index: ReferenceIndex,
  t: Translate,
  time: (ms: number) => string,
): ConflictSentence {
  const assignee = change.payload.assignee as { kind?: unknown; id?: unknown } | undefined
  const to =
    assignee && (assignee.kind === 'department' || assignee.kind === 'team') && typeof assignee.id === 'string'
      ? index.assigneeName(assignee.kind, assignee.id)
      : null
  const params = {
    who: personLabel(change, index, t),
    time: time(change.serverTime),
    action: t(`actions.${change.type}`),
  }
  return to ? { key: 'conflicts.changedTo', params: { ...params, to } } : { key: 'conflicts.changedBy', params }
}
