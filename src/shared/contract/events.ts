import { z } from 'zod'
import { pushEvent } from './define'
import type { ChangeNotice, SyncStatus } from './views'
import type { Aggregates, DisplayInfo, SavedLayout } from './requests/situation'
import type { SessionView } from './requests/session'
import type { UnitMoves } from './requests/map'
import type { ActiveRuleSet } from './requests/rule-sets'

/**
 * Push events from the core to every window. Payloads are produced by the core
 * itself, so the schemas here are typed passthroughs (the renderer trusts its
 * own core); what crosses the network from the server is validated in the core.
 */
const typed = <T>() => z.custom<T>(() => true)

export const pushEvents = {
  status: pushEvent(typed<SyncStatus>()),
  changes: pushEvent(typed<ChangeNotice>()),
  /** Recomputed situation figures, at most once a second. */
  aggregates: pushEvent(typed<Aggregates>()),
  /** The displays or the operator's saved screen layout changed (the shell re-plans its windows). */
  screens: pushEvent(typed<{ displays: DisplayInfo[]; saved: SavedLayout }>()),
  /** Someone signed in or out, or the workstation enrolled: windows show the sign-in screen or the app. */
  session: pushEvent(typed<SessionView>()),
  /** Joint teams and grid workers that moved (positions from the server, at most once a second). */
  units: pushEvent(typed<UnitMoves>()),
  /** The server activated another rule set (评分细则): assessment figures are recomputed with it. */
  ruleSet: pushEvent(typed<ActiveRuleSet>()),
}
