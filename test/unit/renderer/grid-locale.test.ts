import { describe, expect, it } from 'vitest'
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale'
import { gridLocale, localeText } from '../../../src/renderer/src/views/console/grid-locale'

describe('the grid texts', () => {
  it("come from AG Grid's locale package in the UI language, with the console's overrides", () => {
    const zh = gridLocale('zh-CN', { noRowsToShow: '没有事件' })
    expect(zh.contains).toBe(AG_GRID_LOCALE_CN.contains)
    expect(zh.contains).toMatch(/[\u4e00-\u9fff]/)
    expect(zh.noRowsToShow).toBe('没有事件')
    expect(gridLocale('en', {}).contains).toBe('Contains')
  })

  it('look up the language of the moment and fill in variables as the grid does', () => {
    const texts = { current: { pageOf: '第 ${variable} 页，共 ${variable} 页' } as Record<string, string> }
    const lookup = (p: { key: string; defaultValue: string; variableValues?: string[] }) => localeText(texts.current, p)
    expect(lookup({ key: 'pageOf', defaultValue: 'x', variableValues: ['2', '9'] })).toBe('第 2 页，共 9 页')
    expect(lookup({ key: 'missing', defaultValue: 'Fallback' })).toBe('Fallback')
    texts.current = { pageOf: 'Page ${variable}' }
    expect(lookup({ key: 'pageOf', defaultValue: 'x', variableValues: ['3'] })).toBe('Page 3')
  })
})
