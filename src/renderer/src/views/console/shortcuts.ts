import type { ActionType, RequestAction } from '@shared/domain'

/**
 * Actions the console offers (the handler's own steps — acknowledge, resolve — are not the command
 * room's; the handlers' requests and every decision have the department and supervisor desks). A
 * reopen request is the command room's own: a closed case the citizen says is not fixed goes back
 * to the supervisor with a reason.
 */
export type ConsoleAction = Exclude<
  ActionType,
  'report' | 'acknowledge' | 'resolve' | Exclude<RequestAction, 'request_reopen'>
>

/** One key per action, shown beside each button; mnemonic in English, stable across languages. */
export const ACTION_KEYS: Record<ConsoleAction, string> = {
  accept: 'A',
  reject: 'X',
  merge: 'M',
  dispatch: 'D',
  reassign: 'G',
  return: 'B',
  verify: 'V',
  close: 'C',
  suspend: 'S',
  resume: 'U',
  escalate: 'E',
  comment: 'N',
  request_reopen: 'R',
}

/** The order buttons appear in: the usual next step first. */
export const ACTION_ORDER: readonly ConsoleAction[] = [
  'accept',
  'dispatch',
  'reassign',
  'verify',
  'close',
  'request_reopen',
  'return',
  'merge',
  'reject',
  'suspend',
  'resume',
  'escalate',
  'comment',
]

export function isConsoleAction(action: ActionType): action is ConsoleAction {
  return Object.hasOwn(ACTION_KEYS, action)
}

/** The actions to show for what the state machine allows, in button order. */
export function offeredActions(allowed: readonly ActionType[]): ConsoleAction[] {
  return ACTION_ORDER.filter((a) => allowed.includes(a))
}

export interface KeyLike {
  readonly key: string
  readonly ctrlKey: boolean
  readonly altKey: boolean
  readonly metaKey: boolean
  /** Typing in a field must never trigger an action. */
  readonly inEditable: boolean
}

/** The allowed action a key press asks for, or null. */
export function actionForKey(event: KeyLike, allowed: readonly ActionType[]): ConsoleAction | null {
  if (event.inEditable || event.ctrlKey || event.altKey || event.metaKey || event.key.length !== 1) return null
  const key = event.key.toUpperCase()
  const action = (Object.keys(ACTION_KEYS) as ConsoleAction[]).find((a) => ACTION_KEYS[a] === key)
  return action && allowed.includes(action) ? action : null
}
