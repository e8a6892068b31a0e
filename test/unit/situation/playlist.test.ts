import { describe, expect, it } from 'vitest'
import {
  advance,
  playlistFromQuery,
  secondsLeft,
  startPlaylist,
  step,
  stepSub,
  togglePause,
  WALL_MIN_TEXT_PX,
  wallText,
  wallUnit,
} from '../../../src/renderer/src/views/wall/playlist'

describe('the wall playlist', () => {
  it('moves on every `seconds`, several pages if the wall slept, and wraps', () => {
    const s = startPlaylist(0)
    expect(advance(s, 19_999, 20)).toBe(s)
    expect(advance(s, 20_000, 20)).toEqual({ index: 1, sub: 0, since: 20_000, paused: false })
    expect(advance(s, 110_000, 20)).toEqual({ index: 0, sub: 0, since: 100_000, paused: false })
    expect(secondsLeft(s, 12_500, 20)).toBe(8)
  })

  it('gives each of a page’s own pages (the league’s 第 n 页) the full time, then moves on', () => {
    // Page 2 (the league) has three pages of its own; the others one.
    const subPages = (i: number) => (i === 2 ? 3 : 1)
    const s = startPlaylist(0, 2)
    expect(advance(s, 20_000, 20, 5, subPages)).toMatchObject({ index: 2, sub: 1 })
    expect(advance(s, 40_000, 20, 5, subPages)).toMatchObject({ index: 2, sub: 2 })
    expect(advance(s, 60_000, 20, 5, subPages)).toMatchObject({ index: 3, sub: 0 })
    // Seven slots in all: a wall asleep for a whole round and one slot more is one slot on.
    expect(advance(s, 160_000, 20, 5, subPages)).toMatchObject({ index: 2, sub: 1, since: 160_000 })
    // Down and up step the league's own pages, wrapping; left and right leave it from its first.
    expect(stepSub(s, -1, 1, subPages)).toMatchObject({ index: 2, sub: 2 })
    expect(step(stepSub(s, 1, 1, subPages), 1, 2)).toMatchObject({ index: 3, sub: 0 })
  })

  it('pauses and resumes with the full time for the page', () => {
    const paused = togglePause(startPlaylist(0), 5_000)
    expect(advance(paused, 100_000, 20)).toBe(paused)
    const resumed = togglePause(paused, 100_000)
    expect(resumed).toEqual({ index: 0, sub: 0, since: 100_000, paused: false })
    expect(step(resumed, -1, 100_500).index).toBe(4)
  })

  it('reads page, pause and seconds from the address', () => {
    expect(playlistFromQuery('?page=league&pause=1&seconds=30')).toEqual({ index: 2, paused: true, seconds: 30 })
    expect(playlistFromQuery('?page=2')).toEqual({ index: 1, paused: false, seconds: null })
    expect(playlistFromQuery('?seconds=1')).toEqual({ index: 0, paused: false, seconds: null })
  })

  it('never sets text below the minimum for the viewport (28 px at 1080p, 56 px at 2160p)', () => {
    expect(wallText(wallUnit(1080, 1920))).toBe(WALL_MIN_TEXT_PX)
    expect(wallText(wallUnit(2160, 3840))).toBe(56)
    expect(wallText(wallUnit(2160, 3840), 20)).toBe(56)
    // An ultra-wide wall is limited by its height.
    expect(wallUnit(1080, 5760)).toBe(1)
  })
})
