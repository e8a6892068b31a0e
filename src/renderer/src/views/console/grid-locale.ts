import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale'

/**
 * AG Grid's own texts (filter menus and conditions, loading, "no rows") from its
 * locale package in the UI language, with the console's own overrides on top.
 */
export function gridLocale(language: string, overrides: Readonly<Record<string, string>>): Record<string, string> {
  return { ...(language === 'en' ? AG_GRID_LOCALE_EN : AG_GRID_LOCALE_CN), ...overrides }
}

/**
 * One text as the grid asks for it (`getLocaleText`; `localeText` is read only once, so the console looks
 * the texts of the current language up when a menu opens): each `${variable}` in turn takes the next value.
 */
export function localeText(
  texts: Readonly<Record<string, string>>,
  p: { key: string; defaultValue: string; variableValues?: string[] },
): string {
  const text = texts[p.key]
  if (text === undefined) return p.defaultValue
  return (p.variableValues ?? []).reduce((out, v) => out.replace('${variable}', v), text)
}
