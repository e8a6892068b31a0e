import { z } from 'zod'
import { request } from '../define'

/** Built-in console views every operator has (their filters live in the renderer). */
export const BUILTIN_VIEW_IDS = ['all', 'awaiting', 'my_town', 'overdue', 'hazards', 'rework'] as const
export type BuiltinViewId = (typeof BUILTIN_VIEW_IDS)[number]

/**
 * An operator-defined console view: a built-in base plus the grid's own filter
 * and sort state (opaque JSON owned by the table) and the quick-filter text.
 */
export const savedViewSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(60),
  base: z.enum(BUILTIN_VIEW_IDS),
  quickFilter: z.string().max(200).default(''),
  filterModel: z.record(z.string(), z.json()).default({}),
  sortModel: z
    .array(z.object({ colId: z.string().max(64), sort: z.enum(['asc', 'desc']) }))
    .max(10)
    .default([]),
  /** The column chooser's layout: the table's columns in order, each shown or hidden (absent: as they are). */
  columns: z
    .array(z.object({ colId: z.string().min(1).max(64), hide: z.boolean() }))
    .max(40)
    .optional(),
  createdAt: z.number().int().nonnegative(),
})
export type SavedView = z.infer<typeof savedViewSchema>

export const consoleRequests = {
  /** This workstation's operator-defined views, oldest first. */
  'views.list': request<SavedView[]>()(z.object({})),
  /** Creates or replaces (by id) one view; returns the whole list. */
  'views.save': request<SavedView[]>()(z.object({ view: savedViewSchema })),
  'views.delete': request<SavedView[]>()(z.object({ id: z.string().min(1).max(64) })),
}
