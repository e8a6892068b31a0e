// @ts-check
/** @typedef {import('./system.mjs').System} System */

/**
 * One thing the tests need from the operating system, and where it was found.
 *
 * @typedef {object} Finding
 * @property {'chromium' | 'fonts' | 'postgres' | 'poppler'} need
 * @property {string} label what a person reads
 * @property {string | null} path where it is (a file, or PostgreSQL's bin folder); null when missing
 * @property {boolean} installable false when installing a package would not help (a wrong CHROMIUM_PATH)
 * @property {string | null} note why it is missing, when that is more than "not installed"
 */

/** The oldest PostgreSQL whose server binaries the store tests accept. */
export const MIN_POSTGRES = 15

const CHROMIUM_FILES = [
  '/usr/bin/chromium', // Debian: chromium
  '/usr/bin/chromium-browser', // Ubuntu: chromium-browser
  '/usr/lib/chromium/chromium',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
]
const CHROMIUM_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']

/** The UI's CJK font stack (src/renderer/src/styles/theme.css) as files of the usual packages. */
const CJK_FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', // Debian, Ubuntu: fonts-noto-cjk
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', // Arch: noto-fonts-cjk
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', // Fedora: google-noto-sans-cjk-fonts
  '/System/Library/Fonts/PingFang.ttc', // macOS
]
const CJK_FAMILIES = /Noto Sans CJK|Noto Sans SC|Source Han Sans|Microsoft YaHei|PingFang/i

/**
 * The first place on PATH holding `name`.
 * @param {System} system
 * @param {string} name
 */
export function onPath(system, name) {
  for (const dir of (system.env.PATH ?? '').split(':')) {
    if (dir && system.exists(`${dir}/${name}`)) return `${dir}/${name}`
  }
  return null
}

/**
 * @param {Finding['need']} need
 * @param {string | null} path
 * @param {{ installable?: boolean, note?: string | null }} [more]
 * @returns {Finding}
 */
function finding(need, path, more = {}) {
  const labels = {
    chromium: 'Chromium',
    fonts: 'CJK fonts (Noto Sans CJK)',
    postgres: `PostgreSQL ${MIN_POSTGRES}+ (initdb, pg_ctl)`,
    poppler: 'Poppler utilities (pdfinfo, pdftotext, pdftoppm)',
  }
  return { need, label: labels[need], path, installable: more.installable ?? true, note: more.note ?? null }
}

/**
 * Chromium for Playwright: CHROMIUM_PATH when set, else the usual install locations, else PATH.
 * @param {System} system
 * @returns {Finding}
 */
export function findChromium(system) {
  const wanted = system.env.CHROMIUM_PATH
  if (wanted) {
    if (system.exists(wanted)) return finding('chromium', wanted)
    return finding('chromium', null, {
      installable: false,
      note: `CHROMIUM_PATH is ${wanted}, which does not exist: point it at a Chromium binary or unset it`,
    })
  }
  const file =
    CHROMIUM_FILES.find((candidate) => system.exists(candidate)) ??
    CHROMIUM_COMMANDS.map((name) => onPath(system, name)).find((found) => found !== null)
  return finding('chromium', file ?? null)
}

/**
 * A CJK font from the UI's stack: a known file first (no process to start), else fontconfig.
 * @param {System} system
 * @returns {Finding}
 */
export function findCjkFonts(system) {
  const file = CJK_FONT_FILES.find((candidate) => system.exists(candidate))
  if (file) return finding('fonts', file)
  const listed = system.run('fc-list', [':lang=zh', 'family'])
  const family = listed.ok ? listed.output.split('\n').find((line) => CJK_FAMILIES.test(line)) : undefined
  return finding('fonts', family ? `fontconfig: ${family.trim()}` : null)
}

/**
 * @param {System} system
 * @param {string} dir
 */
function hasServerBinaries(system, dir) {
  return system.exists(`${dir}/initdb`) && system.exists(`${dir}/pg_ctl`)
}

/** @param {string} text e.g. "PostgreSQL 16.2 (Debian 16.2-1)" or "initdb (PostgreSQL) 15.8" */
function majorVersion(text) {
  const match = /PostgreSQL\)?\s+(\d+)/.exec(text)
  return match ? Number(match[1]) : null
}

/**
 * PostgreSQL's server binaries (initdb, pg_ctl), version 15 or newer: Debian's
 * /usr/lib/postgresql/N/bin, PGDG's /usr/pgsql-N/bin, `pg_config --bindir`, or
 * initdb on PATH. The path is the bin folder; the store tests start their own cluster with it.
 * @param {System} system
 * @returns {Finding}
 */
export function findPostgresBin(system) {
  /** @type {{ dir: string, version: number }[]} */
  const versioned = [
    ...system
      .list('/usr/lib/postgresql')
      .filter((name) => /^\d+$/.test(name))
      .map((name) => ({ dir: `/usr/lib/postgresql/${name}/bin`, version: Number(name) })),
    ...system
      .list('/usr')
      .map((name) => /^pgsql-(\d+)$/.exec(name))
      .flatMap((match) => (match ? [{ dir: `/usr/${match[0]}/bin`, version: Number(match[1]) }] : [])),
  ]
    .filter(({ dir }) => hasServerBinaries(system, dir))
    .sort((a, b) => b.version - a.version)
  const newest = versioned[0]
  if (newest && newest.version >= MIN_POSTGRES) return finding('postgres', newest.dir)

  // Slower probes (a process each), only when the usual folders hold nothing new enough.
  /** @type {{ dir: string, version: number | null }[]} */
  const probed = []
  if (onPath(system, 'pg_config')) {
    const bindir = system.run('pg_config', ['--bindir'])
    const version = system.run('pg_config', ['--version'])
    if (bindir.ok && version.ok) probed.push({ dir: bindir.output.trim(), version: majorVersion(version.output) })
  }
  const initdb = onPath(system, 'initdb')
  if (initdb) {
    const version = system.run(initdb, ['--version'])
    if (version.ok)
      probed.push({ dir: initdb.slice(0, initdb.lastIndexOf('/')), version: majorVersion(version.output) })
  }
  for (const { dir, version } of probed) {
    if (version !== null && version >= MIN_POSTGRES && hasServerBinaries(system, dir)) return finding('postgres', dir)
  }

  const old = [...versioned, ...probed].find(({ version }) => version !== null && version < MIN_POSTGRES)
  return finding('postgres', null, {
    note: old ? `PostgreSQL ${old.version} in ${old.dir} is older than ${MIN_POSTGRES}` : null,
  })
}

/** The PDF tools the assessment's export test reads its printed report with (docs/assessment.md §12). */
const POPPLER_TOOLS = ['pdfinfo', 'pdftotext', 'pdftoppm']

/**
 * Poppler's command-line tools, on PATH.
 * @param {System} system
 * @returns {Finding}
 */
export function findPoppler(system) {
  const found = POPPLER_TOOLS.map((name) => onPath(system, name))
  return finding('poppler', found.every((f) => f !== null) ? (found[0] ?? null) : null)
}

/**
 * What a person reads about a missing one.
 * @param {Finding} finding
 */
export function describeFinding(finding) {
  return finding.note ? `${finding.label} (${finding.note})` : finding.label
}

/**
 * Everything the test suite needs from the operating system.
 * @param {System} system
 * @returns {Finding[]}
 */
export function findTestDeps(system) {
  return [findChromium(system), findCjkFonts(system), findPostgresBin(system), findPoppler(system)]
}
