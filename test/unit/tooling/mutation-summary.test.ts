import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { scoreTable, summarise, TABLE_END, TABLE_START, withTable } from '../../../scripts/mutate.mjs'

const mutant = (status: string, line = 1) => ({
  status,
  mutatorName: 'ConditionalExpression',
  replacement: 'true',
  location: { start: { line, column: 3 } },
})

describe('the mutation score summary (npm run mutate)', () => {
  it('scores each folder as detected ÷ (detected + undetected), the formatter apart from its folder', () => {
    const sources = { 'src/server/log': 4, 'src/server/http/open311-format.ts': 1 }
    const s = summarise(
      {
        files: {
          'src/server/log/hash.ts': { mutants: [mutant('Killed'), mutant('Timeout'), mutant('Survived', 12)] },
          'src/server/log/verify.ts': { mutants: [mutant('Killed'), mutant('CompileError'), mutant('Ignored')] },
          'src/server/http/open311-format.ts': { mutants: [mutant('Killed'), mutant('NoCoverage', 7)] },
          'src/server/http/other.ts': { mutants: [mutant('Survived')] },
        },
      },
      sources,
    )
    type Row = { folder: string; score: number | null; files: number; sources: number | null }
    expect(s.folders.map((f: Row) => [f.folder, f.score, f.files, f.sources])).toEqual([
      ['src/server/http/open311-format.ts', 50, 1, 1],
      ['src/server/log', 75, 2, 4],
    ])
    // A folder measured in part says how much of it.
    expect(scoreTable(s, { runs: [] })).toContain('| `src/server/log` | 2 of 4 | 75.0 % |')
    expect(s.total).toMatchObject({
      killed: 3,
      timeout: 1,
      survived: 1,
      noCoverage: 1,
      ignored: 1,
      errors: 1,
      valid: 6,
    })
    expect(s.total.score).toBe(66.7)
    expect(s.survivors).toEqual([
      'src/server/log/hash.ts:12:3 ConditionalExpression → "true" (Survived)',
      'src/server/http/open311-format.ts:7:3 ConditionalExpression → "true" (NoCoverage)',
    ])
  })

  it('puts the table between the markers, and again in the same place', () => {
    const readme = `# x\n\n${TABLE_START}\n\nold\n\n${TABLE_END}\n\n## after\n`
    const once = withTable(readme, '| a |')
    expect(once).toBe(`# x\n\n${TABLE_START}\n\n| a |\n\n${TABLE_END}\n\n## after\n`)
    expect(withTable(once, '| a |')).toBe(once)
    expect(() => withTable('# no marker\n', '| a |')).toThrow(/marker/)
  })

  it('README.md shows the scores bench/results/mutation-score.json holds', () => {
    const results = JSON.parse(readFileSync('bench/results/mutation-score.json', 'utf8'))
    const readme = readFileSync('README.md', 'utf8')
    const table = readme.slice(readme.indexOf(TABLE_START) + TABLE_START.length, readme.indexOf(TABLE_END)).trim()
    expect(table).toBe(scoreTable(results, results))
  })
})
