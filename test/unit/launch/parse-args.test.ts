import { describe, expect, it } from 'vitest'
import { parseFlags, workstationConfig } from '../../../src/main/launch/parse-args'

describe('launch flags', () => {
  it('reads --name value and --name=value, and bare switches', () => {
    const flags = parseFlags(['--data-dir', '/tmp/x', '--port=0', '--verbose', '--bind', '127.0.0.1'])
    expect(Object.fromEntries(flags)).toEqual({ 'data-dir': '/tmp/x', port: '0', verbose: 'true', bind: '127.0.0.1' })
  })

  it('uses an embedded server unless a server is configured, by flag or environment', () => {
    expect(workstationConfig(new Map(), {})).toMatchObject({ serverUrl: null, caFile: null, enrolCode: null })
    expect(workstationConfig(new Map(), { GRID_SERVER_URL: '' })).toMatchObject({ serverUrl: null })
    expect(
      workstationConfig(
        new Map([
          ['server', 'https://10.1.2.3:4100'],
          ['ca-file', '/etc/grid/ca.pem'],
          ['enrol-code-file', '/run/code'],
        ]),
        {},
      ),
    ).toMatchObject({ serverUrl: 'https://10.1.2.3:4100', caFile: '/etc/grid/ca.pem', enrolCodeFile: '/run/code' })
    expect(
      workstationConfig(new Map(), { GRID_SERVER_URL: 'http://h:1', GRID_CA_FILE: '/ca.pem', GRID_ENROL_CODE: 'AB' }),
    ).toMatchObject({ serverUrl: 'http://h:1', caFile: '/ca.pem', enrolCode: 'AB' })
  })

  it('takes several addresses of one cluster, by flag or environment (the first is the one shown)', () => {
    expect(workstationConfig(new Map([['server', 'http://a:1,http://b:1']]), {})).toMatchObject({
      serverUrl: 'http://a:1',
      serverUrls: ['http://a:1', 'http://b:1'],
    })
    expect(workstationConfig(new Map(), { GRID_SERVER_URL: 'https://a:1, https://b:2' })).toMatchObject({
      serverUrls: ['https://a:1', 'https://b:2'],
    })
    expect(workstationConfig(new Map(), {})).toMatchObject({ serverUrls: [] })
    expect(() => workstationConfig(new Map([['server', 'http://a:1,bad']]), {})).toThrow(/"bad"/)
  })

  it('explains a bad server address instead of failing later', () => {
    expect(() => workstationConfig(new Map([['server', 'not a url']]), {})).toThrow(/must be a URL/)
    expect(() => workstationConfig(new Map([['server', 'ftp://h/']]), {})).toThrow(/http/)
    expect(() => workstationConfig(new Map([['server', 'http://h:1/?token=abc']]), {})).toThrow(/never go in a URL/)
    expect(() => workstationConfig(new Map([['simulator-rate', 'fast']]), {})).toThrow(/simulator-rate/)
    expect(workstationConfig(new Map([['simulator-rate', '0']]), {})).toMatchObject({ simulatorRate: 0 })
  })

  it('refuses secrets and identities on the command line, saying what replaced them', () => {
    expect(() => workstationConfig(new Map([['server-token', 't']]), {})).toThrow(/no longer accepted.*sign-in screen/)
    expect(() => workstationConfig(new Map([['token', 't']]), {})).toThrow(/--token-file/)
    expect(() => workstationConfig(new Map([['wall-token', 't']]), {})).toThrow(/--wall-token-file/)
    expect(() => workstationConfig(new Map([['as', 'supervisor']]), {})).toThrow(/demo accounts/)
    expect(() => workstationConfig(new Map(), { GRID_SERVER_TOKEN: 'k' })).toThrow(/no longer used/)
  })

  it('takes the district’s volume and clock for the embedded server, the server’s defaults otherwise', () => {
    expect(workstationConfig(new Map(), {})).toMatchObject({ simulatorRate: null, volume: null, timeScale: 1 })
    expect(
      workstationConfig(
        new Map([
          ['volume', '0.5'],
          ['time-scale', '60'],
        ]),
        {},
      ),
    ).toMatchObject({ volume: 0.5, timeScale: 60 })
    expect(() => workstationConfig(new Map([['volume', '-1']]), {})).toThrow(/--volume/)
    expect(() => workstationConfig(new Map([['time-scale', '0.5']]), {})).toThrow(/--time-scale/)
  })
})
