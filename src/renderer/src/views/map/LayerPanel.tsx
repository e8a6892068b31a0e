import { useTranslation } from 'react-i18next'
import { CASE_GROUPS, CASE_SCOPES, MAP_LAYERS, type MapPrefs } from '@shared/contract'
import { CATEGORY_IDS } from '@shared/domain'
import {
  CASE_COLOURS,
  COMPONENT_COLOURS,
  OVERDUE_COLOUR,
  TEAM_COLOUR,
  TONES,
  WORKER_COLOUR,
} from '../../components/live-map/map-style'

export interface LayerFacts {
  readonly cases: number | null
  readonly heat: { total: number; max: number } | null
  readonly unitsAsOf: string | null
}

const Swatch = ({ colour, ring, round = true }: { colour: string; ring?: string; round?: boolean }) => (
  <span
    className={`swatch ${round ? 'round' : ''}`}
    style={{ background: colour, boxShadow: ring ? `0 0 0 2px ${ring}` : undefined }}
    aria-hidden
  />
)

/**
 * Layer toggles, each with its legend, and the filters (which cases, which
 * category, what period of heat). Remembered per operator (use-map-prefs.ts).
 */
export function LayerPanel({
  prefs,
  onChange,
  facts,
}: {
  prefs: MapPrefs
  onChange: (p: MapPrefs) => void
  facts: LayerFacts
}) {
  const { t } = useTranslation('situation')
  const { t: tOps } = useTranslation('ops')
  const toggle = (layer: (typeof MAP_LAYERS)[number]) =>
    onChange({ ...prefs, layers: { ...prefs.layers, [layer]: !prefs.layers[layer] } })
  const legend = (layer: (typeof MAP_LAYERS)[number]) => {
    if (!prefs.legend || !prefs.layers[layer]) return null
    switch (layer) {
      case 'cases':
        return (
          <ul className="legend-list">
            {CASE_GROUPS.map((g) => (
              <li key={g}>
                <Swatch colour={CASE_COLOURS[g]} /> {t(`map.group.${g}`)}
              </li>
            ))}
            <li>
              <Swatch colour={OVERDUE_COLOUR} ring="#ff3b6b66" /> {t('map.overdueMark')}
            </li>
            <li>
              <Swatch colour={CASE_COLOURS.awaiting} ring="#ffffff" /> {t('map.urgentMark')}
            </li>
            <li>
              <Swatch colour="#1d3f6e" ring="#3ea6ff" /> {t('map.cluster')}
            </li>
            {facts.cases !== null && <li className="muted">{t('map.casesCount', { n: facts.cases })}</li>}
          </ul>
        )
      case 'heat':
        return (
          <div className="legend-heat">
            <span className="heat-ramp" aria-hidden />
            {facts.heat && <span className="muted">{t('map.heatLegend', facts.heat)}</span>}
          </div>
        )
      case 'units':
        return (
          <ul className="legend-list">
            <li>
              <Swatch colour={TEAM_COLOUR} /> {t('map.team')}
            </li>
            <li>
              <Swatch colour={TEAM_COLOUR} ring="#ff7a45" /> {t('map.teamBusy')}
            </li>
            <li>
              <Swatch colour={WORKER_COLOUR} /> {t('map.worker')}
            </li>
            {facts.unitsAsOf && <li className="muted">{t('map.unitsAsOf', { time: facts.unitsAsOf })}</li>}
          </ul>
        )
      case 'components':
        return (
          <ul className="legend-list">
            <li>
              <Swatch colour="#c792ea" /> {t('map.building')}
            </li>
            <li>
              <Swatch colour="#c792ea" ring="#36c98e" /> {t('map.videoYes')}
            </li>
            <li>
              <Swatch colour="#c792ea" ring="#f5b73b" /> {t('map.videoNo')}
            </li>
            {Object.entries(COMPONENT_COLOURS).map(([kind, colour]) => (
              <li key={kind}>
                <Swatch colour={colour} /> {t(`map.kinds.${kind}`)}
              </li>
            ))}
          </ul>
        )
      case 'grids':
        return (
          <div className="legend-tones" aria-hidden>
            {TONES.map((c) => (
              <Swatch key={c} colour={c} round={false} />
            ))}
          </div>
        )
    }
  }
  return (
    <section className="layer-panel" data-testid="map-layers" aria-label={t('map.layers')}>
      <h3>{t('map.layers')}</h3>
      {MAP_LAYERS.map((layer) => (
        <div key={layer} className="layer-row">
          <label>
            <input
              type="checkbox"
              checked={prefs.layers[layer]}
              onChange={() => toggle(layer)}
              data-testid={`map-layer-${layer}`}
            />
            {t(`map.layer.${layer}`)}
          </label>
          {legend(layer)}
        </div>
      ))}
      <label className="layer-filter">
        {t('map.scope.title')}
        <select
          value={prefs.scope}
          onChange={(e) => onChange({ ...prefs, scope: e.target.value as MapPrefs['scope'] })}
          data-testid="map-scope"
        >
          {CASE_SCOPES.map((s) => (
            <option key={s} value={s}>
              {t(`map.scope.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="layer-filter">
        {t('map.category.title')}
        <select
          value={prefs.category ?? ''}
          onChange={(e) => onChange({ ...prefs, category: (e.target.value || null) as MapPrefs['category'] })}
          data-testid="map-category"
        >
          <option value="">{t('map.category.all')}</option>
          {CATEGORY_IDS.map((c) => (
            <option key={c} value={c}>
              {tOps(`category.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="layer-filter">
        {t('map.heatDays.title')}
        <select
          value={prefs.heatDays}
          onChange={(e) => onChange({ ...prefs, heatDays: Number(e.target.value) as MapPrefs['heatDays'] })}
          data-testid="map-heat-days"
        >
          {([1, 7, 30] as const).map((d) => (
            <option key={d} value={d}>
              {t(`map.heatDays.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="layer-legend-toggle">
        <input type="checkbox" checked={prefs.legend} onChange={() => onChange({ ...prefs, legend: !prefs.legend })} />
        {t('map.legend')}
      </label>
    </section>
  )
}
