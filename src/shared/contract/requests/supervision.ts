import { z } from 'zod'
import type { ActionType, RequestKind, Role, TownScope, WorkloadCounts } from '../../domain'
import { request } from '../define'

const id = z.string().min(1).max(64)

/** One event as the supervisor's desk reads it: who did what to which case, when (no payload but a decision's gist). */
export interface ActivityEvent {
  readonly incidentId: string
  readonly type: ActionType
  readonly actorId: string
  readonly role: Role
  readonly serverTime: number
  /** For `decide_request`: which request was decided, and whether it was approved. */
  readonly request?: RequestKind
  readonly approve?: boolean
}

/** A command-room account as the supervisor's desk shows it. */
export interface DeskPerson {
  readonly actorId: string
  readonly name: string
  readonly role: Role
  readonly towns: TownScope
  /** Signed in on a workstation connected to the server now. */
  readonly onShift: boolean
  /** What they did in the last hour, by the server's log. */
  readonly lastHour: WorkloadCounts
}

export interface SupervisorActivity {
  /** Every cached event since `since`, oldest first (at most the newest 20,000 events are looked at). */
  readonly recent: readonly ActivityEvent[]
  /** The named cases' whole timelines as cached, oldest first (empty for a case known only from a snapshot). */
  readonly timelines: Readonly<Record<string, readonly ActivityEvent[]>>
  /**
   * Operators and supervisors in the reader's towns with their display names, from the server's
   * accounts (`onShift` = connected now); `null` while the server cannot be asked (offline).
   */
  readonly people: readonly DeskPerson[] | null
  /** Display names the workstation knows without the server (reference data, the signed-in principal). */
  readonly names: Readonly<Record<string, string>>
}

export const supervisionRequests = {
  /** What the supervisor's desk needs for "who is late" and the operator workload panel. */
  'supervisor.activity': request<SupervisorActivity>()(
    z.object({ since: z.number().int().nonnegative(), incidentIds: z.array(id).max(5_000).default([]) }),
  ),
}
