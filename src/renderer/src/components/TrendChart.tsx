import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { useTranslation } from 'react-i18next'
import { legendProps } from './chart-style'
import type { TrendDatum } from '../data/situation-shape'

export interface TrendChartProps {
  readonly data: readonly TrendDatum[]
  /** Text size in px (the wall passes its own, ≥ its minimum). */
  readonly fontSize?: number
  readonly onPick?: (d: TrendDatum, series: 'reported' | 'closed') => void
  readonly interval?: number
}

/** Reports as bars and closures as a line; live data, so no animation. */
export function TrendChart({ data, fontSize = 12, onPick, interval }: TrendChartProps) {
  const { t } = useTranslation('situation')
  const pick = (series: 'reported' | 'closed') => (entry: unknown) => {
    const d = (entry as { payload?: TrendDatum } | undefined)?.payload
    if (d && onPick) onPick(d, series)
  }
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart
        data={[...data]}
        margin={{ top: fontSize * 0.4, right: fontSize, bottom: fontSize * 0.4, left: 0 }}
      >
        <CartesianGrid stroke="#24324f" vertical={false} />
        <XAxis
          dataKey="label"
          tick={{ fill: '#9fb0cc', fontSize }}
          stroke="#24324f"
          interval={interval ?? 'preserveStartEnd'}
          tickMargin={fontSize * 0.4}
          // Recharts' default 30 px axis cuts wall-sized labels in half: room for a line of text and its margin.
          height={Math.ceil(fontSize * 1.8) + 6}
        />
        <YAxis tick={{ fill: '#9fb0cc', fontSize }} stroke="#24324f" allowDecimals={false} width={fontSize * 3.6} />
        {onPick && (
          <Tooltip
            contentStyle={{ background: '#111a2e', border: '1px solid #24324f', fontSize }}
            cursor={{ fill: 'rgba(62,166,255,0.08)' }}
          />
        )}
        <Legend {...legendProps(fontSize)} />
        <Bar
          dataKey="reported"
          name={t('series.reported')}
          fill="#3ea6ff"
          radius={[3, 3, 0, 0]}
          isAnimationActive={false}
          onClick={pick('reported')}
          cursor={onPick ? 'pointer' : undefined}
        />
        <Line
          dataKey="closed"
          name={t('series.closed')}
          type="monotone"
          stroke="#36c98e"
          strokeWidth={Math.max(2, fontSize / 6)}
          dot={false}
          activeDot={onPick ? { r: fontSize / 3, onClick: (_e: unknown, p: unknown) => pick('closed')(p) } : false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  )
}
