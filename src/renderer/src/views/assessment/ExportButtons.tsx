import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { printRoute, type Locale, type ReportSource } from '@shared/contract'
import { call } from '../../api/client'
import { getBridge } from '../../api/bridge'
import { downloadBase64, XLSX_TYPE } from './download'

/**
 * Export the report on screen (live, or the frozen one opened): XLSX and the printable PDF view.
 * The desktop app saves through its save dialog (and prints to PDF itself); the browser host
 * downloads the workbook and opens the print view in a new tab for the browser to print.
 */
export function ExportButtons({ source }: { source: ReportSource | null }) {
  const { t, i18n } = useTranslation('assessment')
  const [note, setNote] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN'
  const desktop = getBridge().kind === 'electron'

  const run = async (work: () => Promise<string | null>) => {
    setBusy(true)
    setNote(null)
    try {
      setNote(await work())
    } catch (err) {
      setNote(t('exports.failed', { message: err instanceof Error ? err.message : String(err) }))
    } finally {
      setBusy(false)
    }
  }
  const xlsx = () =>
    run(async () => {
      if (!source) return null
      if (desktop) {
        const { path } = await call('assessment.saveExport', { source, locale, format: 'xlsx' })
        return path ? t('exports.saved', { path }) : null
      }
      const file = await call('assessment.exportXlsx', { source, locale })
      downloadBase64(file.fileName, file.base64, XLSX_TYPE)
      return t('exports.downloaded', { name: file.fileName })
    })
  const pdf = () =>
    run(async () => {
      if (!source) return null
      if (desktop) {
        const { path } = await call('assessment.saveExport', { source, locale, format: 'pdf' })
        return path ? t('exports.saved', { path }) : null
      }
      window.open(`${window.location.pathname}${window.location.search}#/${printRoute(source, locale)}`, '_blank')
      return null
    })

  return (
    <span className="assessment-exports">
      <button type="button" data-testid="export-xlsx" disabled={!source || busy} onClick={() => void xlsx()}>
        {t('exports.xlsx')}
      </button>
      <button type="button" data-testid="export-pdf" disabled={!source || busy} onClick={() => void pdf()}>
        {t('exports.pdf')}
      </button>
      {note && (
        <span className="muted" data-testid="export-note">
          {note}
        </span>
      )}
    </span>
  )
}
