import { z } from 'zod'
import { ACTION_TYPES, CATEGORY_IDS, PRIORITIES, STATUSES, type ReferenceData } from '../../domain'
import { request } from '../define'
import type { Conflict, IncidentDetail, IncidentView, PendingCommand } from '../views'

const id = z.string().min(1).max(64)

/** Filters the views and drill-downs use; every field narrows (AND). */
export const incidentFilterSchema = z.object({
  ids: z.array(id).max(100_000).optional(),
  statuses: z.array(z.enum(STATUSES)).optional(),
  categories: z.array(z.enum(CATEGORY_IDS)).optional(),
  priorities: z.array(z.enum(PRIORITIES)).optional(),
  townIds: z.array(id).optional(),
  gridIds: z.array(id).optional(),
  assigneeId: id.optional(),
  overdue: z.boolean().optional(),
  suspended: z.boolean().optional(),
  reworked: z.boolean().optional(),
  reportedSince: z.number().int().optional(),
  text: z.string().max(200).optional(),
})
export type IncidentFilter = z.infer<typeof incidentFilterSchema>

export const incidentRequests = {
  'reference.get': request<ReferenceData | null>()(z.object({})),
  'incidents.list': request<{ rows: IncidentView[]; total: number; cursor: number }>()(
    z.object({
      filter: incidentFilterSchema.default({}),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(20_000).default(5_000),
    }),
  ),
  'incident.get': request<IncidentDetail>()(z.object({ id })),
  /** Queue an operator action: written to the outbox first, then sent. */
  'commands.submit': request<{ commandId: string }>()(
    z.object({
      type: z.enum(ACTION_TYPES),
      incidentId: id,
      expectedVersion: z.number().int().nonnegative().nullable(),
      payload: z.record(z.string(), z.unknown()),
    }),
  ),
  'commands.pending': request<PendingCommand[]>()(z.object({})),
  'conflicts.list': request<Conflict[]>()(z.object({})),
  'conflicts.dismiss': request<{ dismissed: boolean }>()(z.object({ id })),
  /** Issue the same action again against the incident's current version. */
  'conflicts.redo': request<{ commandId: string }>()(z.object({ id })),
}
