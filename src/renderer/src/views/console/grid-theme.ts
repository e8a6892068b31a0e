import { colorSchemeDark, themeQuartz } from 'ag-grid-community'

/**
 * AG Grid in the command room's dark theme (theme.css variables, as literal
 * colours: the Theming API computes shades from them). Larger type and rows
 * than the default: operators read this table all shift.
 */
export const gridTheme = themeQuartz.withPart(colorSchemeDark).withParams({
  backgroundColor: '#111a2e',
  foregroundColor: '#e6edf7',
  chromeBackgroundColor: '#15203a',
  headerBackgroundColor: '#15203a',
  headerTextColor: '#9fb0cc',
  headerFontWeight: 600,
  oddRowBackgroundColor: '#0f1729',
  rowHoverColor: '#1c2a4a',
  selectedRowBackgroundColor: 'rgba(62, 166, 255, 0.22)',
  borderColor: '#24324f',
  accentColor: '#3ea6ff',
  fontFamily: ['Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'],
  fontSize: 14,
  headerFontSize: 13,
  rowHeight: 38,
  headerHeight: 38,
  wrapperBorderRadius: 6,
  spacing: 6,
  browserColorScheme: 'dark',
})
