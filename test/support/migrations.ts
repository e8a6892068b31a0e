import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { MIGRATIONS } from '../unit/sync/helpers'

/**
 * For migration tests: a fresh folder per test, and the workstation's migrations folder as an
 * earlier version shipped it (the same files, the journal cut before a given entry), so a store
 * made by that version can be filled with data and then opened by this one.
 */
export function migrationDirs(): { dir: () => string; before: (tag: string) => Promise<string> } {
  let dir = ''
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gc-migrate-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))
  return {
    dir: () => dir,
    /** Every journal entry before `tag`: the version that did not have that migration yet. */
    async before(tag: string): Promise<string> {
      const old = path.join(dir, `migrations-before-${tag}`)
      await cp(MIGRATIONS, old, { recursive: true })
      const journalFile = path.join(old, 'meta', '_journal.json')
      const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: { tag: string }[] }
      const at = journal.entries.findIndex((e) => e.tag === tag)
      if (at < 0) throw new Error(`no migration ${tag} in ${MIGRATIONS}`)
      journal.entries = journal.entries.slice(0, at)
      await writeFile(journalFile, JSON.stringify(journal))
      return old
    },
  }
}
