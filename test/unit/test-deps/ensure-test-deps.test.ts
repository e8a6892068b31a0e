import { describe, expect, it } from 'vitest'
import { ensureTestDeps } from '../../../scripts/test-deps/ensure.mjs'
import { findChromium, findCjkFonts, findPostgresBin } from '../../../scripts/test-deps/find.mjs'
import type { RunResult, System } from '../../../scripts/test-deps/system.mjs'

/** Files each apt package puts on the fake machine when "installed". */
const PACKAGES: Record<string, string[]> = {
  chromium: ['/usr/bin/chromium'],
  'chromium-browser': ['/usr/bin/chromium-browser'],
  'fonts-noto-cjk': ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'],
  postgresql: ['/usr/lib/postgresql/15/bin/initdb', '/usr/lib/postgresql/15/bin/pg_ctl'],
  'poppler-utils': ['/usr/bin/pdfinfo', '/usr/bin/pdftotext', '/usr/bin/pdftoppm'],
}
// Most machines below already have the PDF tools; one test installs them.
const DEBIAN = ['/etc/debian_version', '/usr/bin/apt-get', ...PACKAGES['poppler-utils']!]
const EVERYTHING = [...DEBIAN, ...PACKAGES.chromium!, ...PACKAGES['fonts-noto-cjk']!, ...PACKAGES.postgresql!]

interface MachineOptions {
  files: string[]
  uid?: number | null
  env?: Record<string, string>
  osRelease?: string
  /** `sudo -n true` succeeds: sudo without a password. */
  sudoWithoutPassword?: boolean
  /** Other commands' answers, by "command arg…"; anything else fails to start. */
  answers?: Record<string, string>
  /** apt-get install fails with this output. */
  aptFailure?: string
  /** What apt-get install really puts on the machine, where it differs from PACKAGES. */
  installs?: Record<string, string[]>
}

/** A machine made of a file list, a user id and a package manager that only records and adds files. */
function machine(options: MachineOptions) {
  const files = new Set(options.files)
  const ran: { line: string; env: Record<string, string> }[] = []
  const exists = (file: string) => files.has(file) || [...files].some((f) => f.startsWith(`${file}/`))
  const run = (command: string, args: string[], env: Record<string, string> = {}): RunResult => {
    const line = [command, ...args].join(' ')
    ran.push({ line, env })
    if (line === 'sudo -n true') return { ok: options.sudoWithoutPassword === true, output: '' }
    const apt = args.indexOf('apt-get')
    const aptArgs = command === 'apt-get' ? args : apt >= 0 && command === 'sudo' ? args.slice(apt + 1) : null
    if (aptArgs?.[0] === 'update') return { ok: true, output: '' }
    if (aptArgs?.[0] === 'install') {
      if (options.aptFailure) return { ok: false, output: options.aptFailure }
      for (const pkg of aptArgs.filter((a) => !a.startsWith('-')).slice(1)) {
        for (const file of options.installs?.[pkg] ?? PACKAGES[pkg] ?? []) files.add(file)
      }
      return { ok: true, output: '' }
    }
    const answer = options.answers?.[line]
    return answer === undefined ? { ok: false, output: `${command}: not found` } : { ok: true, output: answer }
  }
  const system: System = {
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', ...options.env },
    uid: options.uid === undefined ? 0 : options.uid,
    exists,
    list: (dir) => [
      ...new Set([...files].filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1).split('/')[0]!)),
    ],
    read: (file) => (file === '/etc/os-release' ? (options.osRelease ?? 'ID=debian\n') : null),
    run,
  }
  const said: string[] = []
  return {
    ensure: () => ensureTestDeps(system, (line) => said.push(line)),
    system,
    said,
    ran: () => ran.map((r) => r.line),
    envOf: (prefix: string) => ran.find((r) => r.line.startsWith(prefix))?.env,
  }
}

describe('test prerequisites: found', () => {
  it('says nothing and runs nothing when Chromium, the CJK fonts and PostgreSQL 15+ are there', () => {
    const m = machine({ files: EVERYTHING, uid: 1000 })
    expect(m.ensure()).toEqual({ ok: true })
    expect(m.said).toEqual([])
    expect(m.ran()).toEqual([])
  })

  it('takes CHROMIUM_PATH first, then the usual locations, then PATH', () => {
    expect(
      findChromium(
        machine({ files: ['/opt/c/chrome', '/usr/bin/chromium'], env: { CHROMIUM_PATH: '/opt/c/chrome' } }).system,
      ).path,
    ).toBe('/opt/c/chrome')
    expect(findChromium(machine({ files: ['/usr/bin/chromium-browser'] }).system).path).toBe(
      '/usr/bin/chromium-browser',
    )
    expect(findChromium(machine({ files: ['/usr/local/bin/chromium'] }).system).path).toBe('/usr/local/bin/chromium')
    expect(findChromium(machine({ files: ['/usr/local/bin/chromium'], env: { PATH: '/bin' } }).system).path).toBeNull()
  })

  it('finds the CJK fonts by file, or by fontconfig when they live elsewhere', () => {
    const byFontconfig = machine({
      files: [],
      answers: { 'fc-list :lang=zh family': 'DejaVu Sans\nNoto Sans CJK SC,Noto Sans CJK SC Regular\n' },
    })
    expect(findCjkFonts(byFontconfig.system).path).toBe('fontconfig: Noto Sans CJK SC,Noto Sans CJK SC Regular')
    const latinOnly = machine({ files: [], answers: { 'fc-list :lang=zh family': 'DejaVu Sans\n' } })
    expect(findCjkFonts(latinOnly.system).path).toBeNull()
    // No fontconfig at all (a bare system): missing, not an error.
    expect(findCjkFonts(machine({ files: [] }).system).path).toBeNull()
    const byFile = machine({ files: PACKAGES['fonts-noto-cjk']! })
    expect(findCjkFonts(byFile.system).path).toBe(PACKAGES['fonts-noto-cjk']![0])
    expect(byFile.ran()).toEqual([])
  })

  it('takes the newest PostgreSQL 15+ with initdb and pg_ctl, and tells an older one apart', () => {
    const both = ['14', '16'].flatMap((v) => [
      `/usr/lib/postgresql/${v}/bin/initdb`,
      `/usr/lib/postgresql/${v}/bin/pg_ctl`,
    ])
    expect(findPostgresBin(machine({ files: both }).system).path).toBe('/usr/lib/postgresql/16/bin')
    // A client-only 17 (no initdb) does not count.
    expect(findPostgresBin(machine({ files: [...both, '/usr/lib/postgresql/17/bin/psql'] }).system).path).toBe(
      '/usr/lib/postgresql/16/bin',
    )
    const old = findPostgresBin(machine({ files: both.slice(0, 2) }).system)
    expect(old.path).toBeNull()
    expect(old.note).toBe('PostgreSQL 14 in /usr/lib/postgresql/14/bin is older than 15')
  })

  it('finds PostgreSQL elsewhere through pg_config or initdb on PATH', () => {
    const custom = machine({
      files: ['/usr/local/bin/pg_config', '/opt/pg/bin/initdb', '/opt/pg/bin/pg_ctl'],
      answers: { 'pg_config --bindir': '/opt/pg/bin\n', 'pg_config --version': 'PostgreSQL 16.4\n' },
    })
    expect(findPostgresBin(custom.system).path).toBe('/opt/pg/bin')
    const fedora = machine({
      files: ['/usr/bin/initdb', '/usr/bin/pg_ctl'],
      answers: { '/usr/bin/initdb --version': 'initdb (PostgreSQL) 15.8\n' },
    })
    expect(findPostgresBin(fedora.system).path).toBe('/usr/bin')
  })
})

describe('test prerequisites: installable', () => {
  it('as root on Debian: apt-get update once, then one install of what is missing, saying so in one line each', () => {
    const m = machine({ files: [...DEBIAN, ...PACKAGES.postgresql!], uid: 0 })
    expect(m.ensure()).toEqual({ ok: true })
    // fontconfig is asked only because the font file is missing.
    expect(m.ran()).toEqual([
      'fc-list :lang=zh family',
      'apt-get update -qq',
      'apt-get install -y -qq chromium fonts-noto-cjk',
    ])
    expect(m.envOf('apt-get install')).toEqual({ DEBIAN_FRONTEND: 'noninteractive' })
    expect(m.said).toEqual([
      'Chromium missing (the end-to-end tests run in it): installing chromium with apt-get.',
      'CJK fonts (Noto Sans CJK) missing (the Chinese UI needs them): installing fonts-noto-cjk with apt-get.',
    ])
  })

  it('as a user with sudo that needs no password: the same through sudo -n', () => {
    const m = machine({ files: [...DEBIAN, '/usr/bin/sudo'], uid: 1000, sudoWithoutPassword: true })
    expect(m.ensure()).toEqual({ ok: true })
    expect(m.ran()).toEqual([
      'fc-list :lang=zh family',
      'sudo -n true',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk postgresql',
    ])
    expect(m.said).toHaveLength(3)
    expect(m.said[2]).toBe(
      'PostgreSQL 15+ (initdb, pg_ctl) missing (the PostgreSQL store tests start their own cluster with them): installing postgresql with sudo apt-get.',
    )
  })

  it('installs the PDF tools the export test reads the printed report with', () => {
    const m = machine({ files: EVERYTHING.filter((f) => !PACKAGES['poppler-utils']!.includes(f)), uid: 0 })
    expect(m.ensure()).toEqual({ ok: true })
    expect(m.ran()).toEqual(['apt-get update -qq', 'apt-get install -y -qq poppler-utils'])
    expect(m.said).toEqual([
      'Poppler utilities (pdfinfo, pdftotext, pdftoppm) missing (the assessment export test reads the printed PDF with them): installing poppler-utils with apt-get.',
    ])
  })

  it("on Ubuntu asks for Ubuntu's Chromium package", () => {
    const m = machine({
      files: EVERYTHING.filter((f) => f !== '/usr/bin/chromium'),
      osRelease: 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n',
    })
    expect(m.ensure()).toEqual({ ok: true })
    expect(m.ran()).toEqual(['apt-get update -qq', 'apt-get install -y -qq chromium-browser'])
  })

  it('stops with apt’s own words and the command when the install fails', () => {
    const m = machine({
      files: DEBIAN,
      aptFailure: 'Reading package lists...\nE: Unable to locate package chromium\n',
    })
    const result = m.ensure()
    expect(result.ok).toBe(false)
    expect(!result.ok && result.message).toBe(
      [
        'apt-get install -y -qq chromium fonts-noto-cjk postgresql failed:',
        'Reading package lists...',
        'E: Unable to locate package chromium',
        'Run:',
        '  apt-get update && apt-get install -y chromium fonts-noto-cjk postgresql',
        'then npm test again.',
      ].join('\n'),
    )
  })

  it('stops when the installed package still is not enough (a distribution with PostgreSQL 14)', () => {
    const m = machine({
      files: [...DEBIAN, ...PACKAGES.chromium!, ...PACKAGES['fonts-noto-cjk']!],
      installs: { postgresql: ['/usr/lib/postgresql/14/bin/initdb', '/usr/lib/postgresql/14/bin/pg_ctl'] },
    })
    const result = m.ensure()
    expect(m.ran()).toEqual(['apt-get update -qq', 'apt-get install -y -qq postgresql'])
    expect(!result.ok && result.message).toBe(
      'apt-get installed the packages, but npm test still needs PostgreSQL 15+ (initdb, pg_ctl) ' +
        '(PostgreSQL 14 in /usr/lib/postgresql/14/bin is older than 15). Install that by hand, then run npm test again.',
    )
  })
})

describe('test prerequisites: not installable', () => {
  it('a user whose sudo wants a password gets one message naming the sudo command, and nothing runs', () => {
    const m = machine({ files: [...DEBIAN, '/usr/bin/sudo', ...PACKAGES['fonts-noto-cjk']!], uid: 1000 })
    const result = m.ensure()
    expect(result).toEqual({
      ok: false,
      message: [
        'npm test needs Chromium, PostgreSQL 15+ (initdb, pg_ctl), missing on this machine. Run:',
        '  sudo apt-get update && sudo apt-get install -y chromium postgresql',
        'then npm test again.',
      ].join('\n'),
    })
    expect(m.ran()).toEqual(['sudo -n true'])
    expect(m.said).toEqual([])
  })

  it('a user with no sudo at all is told to run it as root', () => {
    const m = machine({ files: EVERYTHING.filter((f) => !f.includes('fonts')), uid: 1000 })
    const result = m.ensure()
    expect(!result.ok && result.message).toBe(
      [
        'npm test needs CJK fonts (Noto Sans CJK), missing on this machine. Run as root:',
        '  apt-get update && apt-get install -y fonts-noto-cjk',
        'then npm test again.',
      ].join('\n'),
    )
    expect(m.ran()).toEqual(['fc-list :lang=zh family'])
  })

  it('a machine without apt is told what to install with its own package manager', () => {
    const m = machine({ files: [...PACKAGES['fonts-noto-cjk']!] })
    const result = m.ensure()
    expect(!result.ok && result.message).toBe(
      [
        'npm test needs Chromium, PostgreSQL 15+ (initdb, pg_ctl), Poppler utilities (pdfinfo, pdftotext, pdftoppm), missing on this machine. Install',
        '  Chromium (or set CHROMIUM_PATH to a Chromium or Chrome binary); PostgreSQL 15 or newer with its server binaries (initdb, pg_ctl); the Poppler utilities (pdfinfo, pdftotext, pdftoppm)',
        'with your package manager, then run npm test again.',
      ].join('\n'),
    )
    expect(m.ran()).toEqual([])
  })

  it('a CHROMIUM_PATH that points nowhere is named, and nothing is installed meanwhile', () => {
    const m = machine({
      files: EVERYTHING.filter((f) => !f.includes('postgresql')),
      env: { CHROMIUM_PATH: '/opt/chromium/chrome' },
    })
    const result = m.ensure()
    expect(!result.ok && result.message).toBe(
      [
        'CHROMIUM_PATH is /opt/chromium/chrome, which does not exist: point it at a Chromium binary or unset it.',
        'npm test needs PostgreSQL 15+ (initdb, pg_ctl), missing on this machine. Run:',
        '  apt-get update && apt-get install -y postgresql',
        'then npm test again.',
      ].join('\n'),
    )
    expect(m.ran().filter((line) => line.includes('apt-get'))).toEqual([])
  })
})
