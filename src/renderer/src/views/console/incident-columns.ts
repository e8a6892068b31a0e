import type { ColDef, ValueFormatterParams } from 'ag-grid-community'
import type { TFunction } from 'i18next'
import { CATEGORY_IDS, STATUSES } from '@shared/domain'
import { formatDateTime } from '../../lib/format'
import { cachedLabel } from '../../lib/label-cache'
import { writeDrag } from '../../data/drag-data'
import { AcceptByCell, DeadlineCell, EscalationCell, PendingCell, PriorityCell, StatusCell, WaitingCell } from './cells'
import type { IncidentRow } from './incident-rows'
import { CheckboxSetFilter, type CheckboxSetParams } from './CheckboxSetFilter'

/** A coded column's checkbox list: its values with their labels in the operator's language. */
function checkboxes(t: TFunction<'ops'>, prefix: string, ids: readonly string[]) {
  const filterParams: CheckboxSetParams = {
    options: ids.map((id) => ({ id, label: t(`${prefix}.${id}`) })),
    allLabel: t('console.filterAll'),
  }
  return { filter: CheckboxSetFilter, filterParams }
}

/** MM-DD HH:MM:SS in the table (the year is in the detail and the export). */
const dateTime = (p: ValueFormatterParams<IncidentRow, number | null>) =>
  p.value ? formatDateTime(p.value).slice(5) : ''

/**
 * The incident table's columns. The core sorts and filters (table-query.ts says
 * how each filter reaches it): coded columns (status, category, town…) are
 * filtered by their label in the operator's language, times by whole days.
 */
export function incidentColumns(t: TFunction<'ops'>): ColDef<IncidentRow>[] {
  return [
    {
      colId: 'drag',
      headerName: '',
      width: 36,
      dndSource: true,
      dndSourceOnRowDrag: ({ rowNode, dragEvent }) => {
        if (rowNode.data && dragEvent.dataTransfer) writeDrag(dragEvent.dataTransfer, rowNode.data)
      },
      sortable: false,
      filter: false,
      resizable: false,
      suppressMovable: true,
      headerTooltip: t('console.dragHint'),
      cellClass: 'drag-cell',
      pinned: 'left',
    },
    { colId: 'code', field: 'code', headerName: t('columns.code'), width: 158, pinned: 'left', cellClass: 'mono' },
    {
      colId: 'priority',
      field: 'priorityRank',
      headerName: t('columns.priority'),
      width: 100,
      cellRenderer: PriorityCell,
      enableCellChangeFlash: true,
    },
    { colId: 'title', field: 'title', headerName: t('columns.title'), flex: 2, minWidth: 220, tooltipField: 'title' },
    {
      colId: 'status',
      field: 'status',
      headerName: t('columns.status'),
      width: 120,
      cellRenderer: StatusCell,
      enableCellChangeFlash: true,
      ...checkboxes(t, 'status', STATUSES),
    },
    {
      colId: 'pending',
      headerName: t('columns.pending'),
      width: 104,
      valueGetter: (p) => p.data?.pending.length ?? 0,
      cellRenderer: PendingCell,
      enableCellChangeFlash: true,
      // Pending commands live in the outbox, not the cache's indexes: filtered, not sorted.
      sortable: false,
      filter: 'agNumberColumnFilter',
    },
    {
      colId: 'deadline',
      field: 'deadline',
      headerName: t('columns.deadline'),
      width: 150,
      cellRenderer: DeadlineCell,
      enableCellChangeFlash: true,
      filter: 'agDateColumnFilter',
    },
    // The pending queue's columns (shown in that view only, pending-queue.ts); read from the report time.
    {
      colId: 'waiting',
      headerName: t('columns.waiting'),
      width: 110,
      hide: true,
      sortable: false,
      filter: false,
      valueGetter: (p) => p.data?.reportedAt ?? null,
      cellRenderer: WaitingCell,
    },
    {
      colId: 'acceptBy',
      headerName: t('columns.acceptBy'),
      width: 150,
      hide: true,
      sortable: false,
      filter: false,
      valueGetter: (p) => p.data?.reportedAt ?? null,
      cellRenderer: AcceptByCell,
    },
    {
      colId: 'category',
      field: 'category',
      headerName: t('columns.category'),
      width: 112,
      valueFormatter: (p) => (p.value ? cachedLabel(t, `category.${p.value}`) : ''),
      ...checkboxes(t, 'category', CATEGORY_IDS),
    },
    { colId: 'town', field: 'town', headerName: t('columns.town'), width: 104 },
    { colId: 'grid', field: 'grid', headerName: t('columns.grid'), width: 150 },
    {
      colId: 'assignee',
      field: 'assignee',
      headerName: t('columns.assignee'),
      width: 150,
      enableCellChangeFlash: true,
    },
    {
      colId: 'reportedAt',
      field: 'reportedAt',
      headerName: t('columns.reportedAt'),
      width: 150,
      sort: 'desc',
      valueFormatter: dateTime,
      filter: 'agDateColumnFilter',
      cellClass: 'mono',
    },
    {
      colId: 'escalation',
      field: 'escalationLevel',
      headerName: t('columns.escalation'),
      width: 76,
      cellRenderer: EscalationCell,
      filter: 'agNumberColumnFilter',
      enableCellChangeFlash: true,
    },
    {
      colId: 'rework',
      field: 'reworkCount',
      headerName: t('columns.rework'),
      width: 76,
      filter: 'agNumberColumnFilter',
    },
    {
      colId: 'source',
      field: 'source',
      headerName: t('columns.source'),
      width: 104,
      valueFormatter: (p) => (p.value ? cachedLabel(t, `source.${p.value}`) : ''),
    },
    { colId: 'address', field: 'address', headerName: t('columns.address'), width: 220, tooltipField: 'address' },
  ]
}
