/** The legend every dashboard and wall chart shares: top right, sized to the chart's text. */
export function legendProps(fontSize: number) {
  return {
    verticalAlign: 'top',
    align: 'right',
    iconSize: fontSize * 0.8,
    height: fontSize * 1.6,
    wrapperStyle: { fontSize, color: '#9fb0cc', top: 0 },
  } as const
}
