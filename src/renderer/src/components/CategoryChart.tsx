import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts'
import { useTranslation } from 'react-i18next'
import { legendProps } from './chart-style'
import type { CategoryDatum } from '../data/situation-shape'

/** Categories by reports in the window (bars) with their open load; click a bar for its incidents. */
export function CategoryChart({
  data,
  fontSize = 12,
  onPick,
}: {
  data: readonly CategoryDatum[]
  fontSize?: number
  onPick?: (d: CategoryDatum, series: 'reported' | 'open') => void
}) {
  const { t } = useTranslation('situation')
  const pick = (series: 'reported' | 'open') => (entry: unknown) => {
    const d = (entry as { payload?: CategoryDatum } | undefined)?.payload
    if (d && onPick) onPick(d, series)
  }
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart
        data={[...data]}
        layout="vertical"
        margin={{ top: 0, right: fontSize * 2.5, bottom: fontSize * 0.4, left: 0 }}
        barGap={2}
      >
        <CartesianGrid stroke="#24324f" horizontal={false} />
        <XAxis
          type="number"
          tick={{ fill: '#9fb0cc', fontSize }}
          stroke="#24324f"
          allowDecimals={false}
          height={fontSize * 1.8}
        />
        <YAxis
          type="category"
          dataKey="label"
          tick={{ fill: '#e6edf7', fontSize }}
          stroke="#24324f"
          width={fontSize * 6.5}
          interval={0}
        />
        <Legend {...legendProps(fontSize)} />
        <Bar
          dataKey="reported"
          name={t('series.reported')}
          fill="#3ea6ff"
          isAnimationActive={false}
          onClick={pick('reported')}
          cursor={onPick ? 'pointer' : undefined}
        >
          <LabelList dataKey="reported" position="right" fill="#cfe2ff" fontSize={fontSize} />
        </Bar>
        <Bar
          dataKey="open"
          name={t('series.open')}
          fill="#f5b73b"
          isAnimationActive={false}
          onClick={pick('open')}
          cursor={onPick ? 'pointer' : undefined}
        />
      </BarChart>
    </ResponsiveContainer>
  )
}
