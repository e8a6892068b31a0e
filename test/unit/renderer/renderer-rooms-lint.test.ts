import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * The renderer's rooms are held apart by eslint.config.js: these run the project's own lint
 * configuration on small in-memory sources placed in a view, a shared widget and a data hook.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url))
let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: root })
})

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const results = await eslint.lintText(source, { filePath })
  return results
    .flatMap((r) => r.messages)
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message)
}

const use = (...names: string[]) => `\nexport const used = [${names.join(', ')}]\n`

describe('renderer rooms (lint)', () => {
  it('rejects a view importing code or styles from another view', async () => {
    const errors = await restrictedImports(
      'src/renderer/src/views/map/Fixture.tsx',
      "import { useDrill } from '../console/use-drill'\nimport '../dashboard/dashboard.css'" + use('useDrill'),
    )
    expect(errors).toHaveLength(2)
    for (const e of errors) expect(e).toContain('never another view')
  })

  it('rejects a view reaching into the app shell or past its rooms by a longer path', async () => {
    const errors = await restrictedImports(
      'src/renderer/src/views/wall/Fixture.ts',
      "import { ROUTES } from '../../app/routes'\nimport { x } from '../../views/console/csv'" + use('ROUTES', 'x'),
    )
    expect(errors).toHaveLength(2)
  })

  it('lets a view import api/, data/, components/, i18n/, lib/ and its own folder', async () => {
    const errors = await restrictedImports(
      'src/renderer/src/views/map/Fixture.tsx',
      [
        "import { call } from '../../api/client'",
        "import { useSituation } from '../../data/use-situation'",
        "import { DataAge } from '../../components/DataAge'",
        "import { statusLabels } from '../../i18n/domain-labels'",
        "import { clockTime } from '../../lib/format'",
        "import { DrillKeyView } from './drill-key-view'",
        "import './map.css'",
      ].join('\n') + use('call', 'useSituation', 'DataAge', 'statusLabels', 'clockTime', 'DrillKeyView'),
    )
    expect(errors).toEqual([])
  })

  it('rejects a shared widget or data hook importing a view', async () => {
    expect(
      await restrictedImports(
        'src/renderer/src/components/Fixture.tsx',
        "import { x } from '../views/console/csv'" + use('x'),
      ),
    ).toHaveLength(1)
    expect(
      await restrictedImports(
        'src/renderer/src/data/fixture.ts',
        "import { ROUTES } from '../app/routes'" + use('ROUTES'),
      ),
    ).toHaveLength(1)
  })
})
