import { Fragment, useEffect, useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import {
  districtTime,
  parsePrintRoute,
  type AssessmentDocument,
  type DocumentLeague,
  type DocumentRow,
} from '@shared/contract'
import { call } from '../../api/client'
import { AssessmentLeagueCells, AssessmentLeagueHead, leagueIndicators } from '../../components/AssessmentLeague'
import { pageCss } from './print-css'
import './print.css'

/**
 * The printable report (A4 portrait): a league table per unit kind, each kind from a new page, and
 * on every page a running header and footer with the period, the rule set, the log position and
 * the generation time. The Electron shell prints it to PDF; in the browser the user prints it.
 */
export function AssessmentPrint() {
  const { i18n } = useTranslation()
  const [route] = useState(() => parsePrintRoute(window.location.hash))
  const [doc, setDoc] = useState<AssessmentDocument | null>(null)
  const [error, setError] = useState<string | null>(null)
  const locale = route?.locale ?? 'zh-CN'
  const t = i18n.getFixedT(locale, 'assessment')

  useEffect(() => {
    // Paper: white behind the page and in its margins (the app's dark theme is on html and body).
    document.documentElement.classList.add('print-document')
    document.body.classList.add('print-document')
    document.documentElement.lang = locale
    return () => {
      document.documentElement.classList.remove('print-document')
      document.body.classList.remove('print-document')
    }
  }, [locale])

  useEffect(() => {
    if (!route) return
    call('assessment.document', { source: route.source, locale: route.locale })
      .then((d) => {
        setDoc(d)
        document.title = `${t('print.title')} ${d.period.label}`
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
  }, [route, t])

  if (!route) return <p className="print-error">{t('print.none')}</p>
  if (error)
    return (
      <p className="print-error" data-testid="print-error">
        {error}
      </p>
    )
  if (!doc) return <p className="print-loading">{t('print.loading')}</p>

  const revision = doc.ruleSet.revision === null ? t('print.builtIn') : t('print.revision', { n: doc.ruleSet.revision })
  const ruleSet = t('print.ruleSet', { version: doc.ruleSet.version, revision })
  const position =
    t('print.position', { seq: doc.position.seq }) +
    (doc.position.headHash ? ` · ${t('print.hash', { hash: doc.position.headHash.slice(0, 16) })}` : '')
  const kind = doc.frozen ? t('print.frozen', { id: doc.frozen.id, version: doc.frozen.version }) : t('print.live')
  const generated = t('print.generated', { time: districtTime(doc.generatedAt) })
  const css = pageCss({
    headLeft: `${t('print.title')} · ${doc.period.label} · ${kind}`,
    headRight: `${ruleSet} · ${position}`,
    footLeft: `${generated} · ${t('print.evaluated', { time: districtTime(doc.evaluatedAt) })}`,
    pageText: t('print.page', { page: '{{page}}', pages: '{{pages}}' }),
  })

  return (
    <div className="print-doc" data-testid="assessment-print" data-print-ready="true" lang={locale}>
      <style>{css}</style>
      <div className="print-toolbar">
        <button type="button" data-testid="print-now" onClick={() => window.print()}>
          {t('print.print')}
        </button>
      </div>
      <header className="print-cover" data-testid="print-cover">
        <h1>
          {t('print.title')} · {doc.period.label}
        </h1>
        <p>
          {kind} · {ruleSet} · {position}
        </p>
        {doc.position.headHash && <p className="print-hash">{doc.position.headHash}</p>}
        <p>
          {generated} · {t('print.evaluated', { time: districtTime(doc.evaluatedAt) })}
        </p>
      </header>
      {doc.leagues.map((league) => (
        <PrintLeague key={league.unitKind} league={league} t={t} />
      ))}
    </div>
  )
}

function PrintLeague({ league, t }: { league: DocumentLeague; t: TFunction }) {
  const indicators = leagueIndicators(league)
  return (
    <section className="print-league" data-testid="print-league" data-kind={league.unitKind}>
      <h2>{t(`units.${league.unitKind}`)}</h2>
      {league.ranked.length + league.insufficient.length === 0 ? (
        <p className="muted">{t('print.none')}</p>
      ) : (
        league.ranked.length > 0 && (
          <table>
            <AssessmentLeagueHead indicators={indicators} t={t} />
            <tbody>
              {league.ranked.map((r) => (
                <tr key={r.id} className={r.bottom ? 'bottom' : ''} data-testid="print-row" data-id={r.id}>
                  <AssessmentLeagueCells row={r} name={r.name} indicators={indicators} t={t} tagClass="print-tag" />
                </tr>
              ))}
            </tbody>
          </table>
        )
      )}
      {league.insufficient.length > 0 && <ThinUnits rows={league.insufficient} t={t} />}
    </section>
  )
}

/** Units per line of the 样本不足 table (a name and its volume each). */
const THIN_PER_LINE = 4

/**
 * The units below the minimum volume (样本不足): not ranked, so no score line each — one compact
 * table of names and judged cases, four to a line (hundreds of grid workers took a page each
 * hundred otherwise).
 */
function ThinUnits({ rows, t }: { rows: readonly DocumentRow[]; t: TFunction }) {
  const lines: DocumentRow[][] = []
  for (let i = 0; i < rows.length; i += THIN_PER_LINE) lines.push(rows.slice(i, i + THIN_PER_LINE))
  return (
    <table className="print-thin" data-testid="print-thin">
      <caption>{t('print.insufficientCount', { n: rows.length })}</caption>
      <thead>
        <tr>
          {Array.from({ length: THIN_PER_LINE }, (_, k) => (
            <th key={k} colSpan={2}>
              {t('unit')} · {t('volume')}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line[0]?.id}>
            {Array.from({ length: THIN_PER_LINE }, (_, k) => {
              const r = line[k]
              return r ? (
                <Fragment key={r.id}>
                  <td data-testid="print-thin-unit" data-id={r.id}>
                    {r.name}
                  </td>
                  <td className="num">{r.volume}</td>
                </Fragment>
              ) : (
                <Fragment key={`empty-${k}`}>
                  <td />
                  <td />
                </Fragment>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
