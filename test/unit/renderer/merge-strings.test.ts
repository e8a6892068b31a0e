import { describe, expect, it } from 'vitest'
import { mergeStrings } from '../../../src/renderer/src/i18n/merge-strings'

describe('a namespace assembled from the parts that own its strings', () => {
  it('joins parts that share a group but not a key', () => {
    const widget = { detail: { left: '剩余 {{time}}', units: { h: '小时' } } }
    const view = { detail: { close: '关闭详情' }, board: { queue: '待派遣' } }
    expect(mergeStrings('ops', widget, view)).toEqual({
      detail: { left: '剩余 {{time}}', units: { h: '小时' }, close: '关闭详情' },
      board: { queue: '待派遣' },
    })
    // The parts themselves are left as they were.
    expect(widget).toEqual({ detail: { left: '剩余 {{time}}', units: { h: '小时' } } })
  })

  it('refuses a message two parts both define, naming it', () => {
    expect(() => mergeStrings('ops', { detail: { none: '—' } }, { detail: { none: '无' } })).toThrow(
      'Two locale parts define "ops:detail.none"',
    )
    expect(() => mergeStrings('situation', { map: '一图统管' }, { map: { title: '一图统管' } })).toThrow(
      '"situation:map"',
    )
  })
})
