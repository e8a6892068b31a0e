import type { CsvLabels, TableQuery } from '@shared/contract'
import { call } from '../../api/client'

/**
 * Every row the query matches as one CSV file, streamed from the core chunk by chunk into a Blob
 * (each chunk joins the file and is let go: the window holds one chunk's text at a time).
 */
export async function exportCsv(
  query: TableQuery,
  labels: CsvLabels,
  progress: (done: number, total: number) => void,
): Promise<Blob> {
  const { exportId, total } = await call('table.exportStart', { query, labels })
  let blob = new Blob([], { type: 'text/csv;charset=utf-8' })
  let done = 0
  try {
    for (;;) {
      const chunk = await call('table.exportNext', { exportId })
      blob = new Blob([blob, chunk.text], { type: 'text/csv;charset=utf-8' })
      done += chunk.rows
      progress(done, total)
      if (chunk.done) return blob
    }
  } catch (err) {
    await call('table.exportCancel', { exportId }).catch(() => undefined)
    throw err
  }
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
