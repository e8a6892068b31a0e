import { z } from 'zod'
import {
  CATEGORY_IDS,
  PRIORITIES,
  SOURCES,
  STATUSES,
  extensionSchema,
  formerAssigneesSchema,
  pendingRequestSchema,
  sentBackSchema,
  withAssessmentFacts,
  type Incident,
} from '@shared/domain'

const id = z.string().min(1).max(64)
const time = z.number().int().nonnegative()

/** A snapshot's incident row crossed the network: checked like an event before it is cached. */
export const incidentSchema = z.object({
  id,
  code: z.string().min(1).max(40),
  title: z.string().max(200),
  description: z.string().max(4000),
  category: z.enum(CATEGORY_IDS),
  priority: z.enum(PRIORITIES),
  source: z.enum(SOURCES),
  status: z.enum(STATUSES),
  townId: id,
  gridId: id,
  componentId: id.nullable(),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  address: z.string().max(300),
  reporterId: id,
  reportedAt: time,
  assigneeKind: z.enum(['department', 'team']).nullable(),
  assigneeId: id.nullable(),
  dispatchedAt: time.nullable(),
  deadline: time.nullable(),
  acknowledgedAt: time.nullable(),
  resolvedAt: time.nullable(),
  verifiedAt: time.nullable(),
  closedAt: time.nullable(),
  suspended: z.boolean(),
  suspendedAt: time.nullable(),
  suspendedMs: z.number().int().nonnegative(),
  escalationLevel: z.number().int().nonnegative(),
  reworkCount: z.number().int().nonnegative(),
  duplicateOf: id.nullable(),
  // Assessment facts: optional so a snapshot from a server of an earlier version still reads
  // (withAssessmentFacts fills them from the row).
  intakeAt: time.nullable().optional(),
  intakeBy: id.nullable().optional(),
  firstDispatchedAt: time.nullable().optional(),
  dispatchedBy: id.nullable().optional(),
  firstDeadline: time.nullable().optional(),
  extendedMs: z.number().int().nonnegative().optional(),
  creditedSuspendedMs: z.number().int().nonnegative().optional(),
  suspensionCredited: z.boolean().optional(),
  version: z.number().int().positive(),
  updatedAt: time,
  lastSeq: z.number().int().nonnegative(),
  mediaUrl: z.string().url().max(500).optional(),
  pendingRequest: pendingRequestSchema.optional(),
  extensions: z.array(extensionSchema).max(1000).optional(),
  sentBackFrom: z.array(sentBackSchema).max(1000).optional(),
  formerAssignees: formerAssigneesSchema.optional(),
  overdueWhenSuspended: z.boolean().optional(),
  deadlineReason: z.string().max(500).optional(),
})

export function parseIncident(value: unknown): { ok: true; incident: Incident } | { ok: false; error: string } {
  const r = incidentSchema.safeParse(value)
  if (!r.success) return { ok: false, error: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }
  return { ok: true, incident: withAssessmentFacts(r.data as Incident) }
}

/** Best-effort fields of something that failed validation, for the quarantine record. */
export function looseField(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
}

export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 100_000) ?? 'undefined'
  } catch {
    return String(value)
  }
}
