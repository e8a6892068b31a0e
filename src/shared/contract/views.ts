import type { ActionType, Incident, Principal, Role } from '../domain'

/** What the workstation core reports about itself. */
export interface AppInfo {
  readonly version: string
  readonly host: 'electron' | 'browser'
  readonly workstationId: string
  readonly dataDir: string
  readonly startedAt: number
  /** Whether the central server runs embedded in this process (no server configured). */
  readonly embeddedServer: boolean
  readonly serverUrl: string | null
}

export type ConnectionState = 'online' | 'connecting' | 'offline' | 'catching_up'

export interface DatabaseStatus {
  readonly file: string
  readonly sizeBytes: number
  readonly incidents: number
  readonly schemaVersion: number
  readonly journalMode: string
  /** Set when a damaged file was moved aside at start (its new name). */
  readonly recoveredFrom: string | null
}

/** One action found in the queue at start: issued before a restart (or crash) and not yet acknowledged. */
export interface RestoredAction {
  readonly commandId: string
  readonly type: ActionType
  readonly incidentId: string
  /** The case code, when the cache knows the incident (a report queued offline has none yet). */
  readonly incidentCode: string | null
  readonly issuedAt: number
}

/**
 * What the workstation found queued when it started: actions issued before it stopped (a crash can
 * cut a submit off before the operator saw it confirmed) that it will send. The operator is told.
 */
export interface RestoredQueue {
  /** When this run started and found them. */
  readonly at: number
  /** Oldest first, at most RESTORED_LISTED of them (`count` is the whole number). */
  readonly actions: readonly RestoredAction[]
  readonly count: number
}

/** Pushed to every window whenever it changes; the status bar and the wall read it. */
export interface SyncStatus {
  readonly connection: ConnectionState
  /** The server address in use (with several configured: the node the last session was accepted on). */
  readonly serverUrl: string | null
  /**
   * When the link was last lost (null while online or catching up). Kept in the cache across a
   * restart: a seat restarted during an outage still shows when the outage began.
   */
  readonly offlineSince: number | null
  /** Actions restored to the queue at start (null when it was empty); stays for the run. */
  readonly restoredQueue: RestoredQueue | null
  readonly catchUp: { readonly done: number; readonly total: number } | null
  readonly cursor: number
  readonly headSeq: number | null
  readonly pendingCommands: number
  readonly conflicts: number
  readonly quarantined: number
  /** Server time of the newest applied event (age of the data). */
  readonly newestEventAt: number | null
  /** Local time the last message from the server arrived. */
  readonly lastContactAt: number | null
  readonly operator: Principal | null
  readonly database: DatabaseStatus
}

/** A command the server has not acknowledged yet (shown as pending). */
export interface PendingCommand {
  readonly commandId: string
  readonly type: ActionType
  readonly incidentId: string
  readonly issuedAt: number
  readonly attempts: number
  readonly lastError: string | null
}

/** An incident as the views show it: the server's projection with local pending commands overlaid. */
export interface IncidentView extends Incident {
  /** Commands issued here and not yet acknowledged, oldest first. */
  readonly pending: readonly ActionType[]
  /** An event for this incident was quarantined (see SyncStatus.quarantined): the row may lag the server. */
  readonly stale?: boolean
}

export interface TimelineEntry {
  readonly seq: number
  readonly type: ActionType
  readonly payload: Record<string, unknown>
  readonly actorId: string
  readonly actorName: string
  readonly role: Role
  readonly workstationId: string | null
  readonly serverTime: number
  readonly issuedAt: number | null
  readonly version: number
}

export interface IncidentDetail {
  readonly incident: IncidentView
  readonly timeline: readonly TimelineEntry[]
  readonly pending: readonly PendingCommand[]
  /** Likely duplicates: same component, or same category nearby in the last hours. */
  readonly suggestedDuplicates: readonly IncidentView[]
  /** What this operator may do now, per the state machine. */
  readonly allowedActions: readonly ActionType[]
  /** Cases merged with this one, so people read ZS- codes, not ids (issue 15). */
  readonly related: readonly RelatedCase[]
}

/**
 * A case linked by a merge: `master` is the one this case was merged into (its duplicateOf, or the
 * target of a merge in its timeline); `merged_in` is a case that was merged into this one.
 */
export interface RelatedCase {
  readonly id: string
  readonly code: string
  readonly title: string
  readonly relation: 'master' | 'merged_in'
}

/** A command the server rejected; it never blocks the commands behind it. */
export interface Conflict {
  readonly id: string
  readonly commandId: string
  readonly type: ActionType
  readonly incidentId: string
  readonly incidentCode: string | null
  readonly payload: Record<string, unknown>
  readonly code: string
  readonly message: string
  readonly currentVersion: number | null
  readonly issuedAt: number
  readonly rejectedAt: number
}

/** Pushed after each applied batch: what changed, so windows refetch only that. */
export interface ChangeNotice {
  readonly incidentIds: readonly string[]
  /** Everything may have changed (reset from snapshot, cache rebuilt). */
  readonly all: boolean
  readonly conflictsChanged: boolean
  readonly cursor: number
}
