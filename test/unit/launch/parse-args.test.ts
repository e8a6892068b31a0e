import { describe, expect, it } from 'vitest'
import { parseFlags, workstationConfig } from '../../../src/main/launch/parse-args'

describe('launch flags', () => {
  it('reads --name value and --name=value, and bare switches', () => {
    const flags = parseFlags(['--data-dir', '/tmp/x', '--port=0', '--verbose', '--bind', '127.0.0.1'])
    expect(Object.fromEntries(flags)).toEqual({ 'data-dir': '/tmp/x', port: '0', verbose: 'true', bind: '127.0.0.1' })
  })

  it('uses an embedded server unless a server is configured, by flag or environment', () => {
    expect(workstationConfig(new Map(), {})).toMatchObject({
      serverUrl: null,
      serverToken: null,
      demoIdentity: 'operator',
    })
    expect(workstationConfig(new Map(), { GRID_SERVER_URL: '', GRID_SERVER_TOKEN: '' })).toMatchObject({
      serverUrl: null,
      serverToken: null,
    })
    expect(
      workstationConfig(
        new Map([
          ['server', 'http://10.1.2.3:4100'],
          ['server-token', 't'],
        ]),
        {},
      ),
    ).toMatchObject({
      serverUrl: 'http://10.1.2.3:4100',
      serverToken: 't',
    })
    expect(workstationConfig(new Map(), { GRID_SERVER_URL: 'http://h:1', GRID_SERVER_TOKEN: 'k' }).serverUrl).toBe(
      'http://h:1',
    )
  })

  it('explains a bad server address or a missing token instead of failing later', () => {
    expect(() => workstationConfig(new Map([['server', 'not a url']]), {})).toThrow(/must be a URL/)
    expect(() => workstationConfig(new Map([['server', 'ftp://h/']]), {})).toThrow(/http/)
    expect(() => workstationConfig(new Map([['server', 'http://h:1']]), {})).toThrow(/--server-token/)
    expect(() => workstationConfig(new Map([['simulator-rate', 'fast']]), {})).toThrow(/simulator-rate/)
    expect(
      workstationConfig(
        new Map([
          ['simulator-rate', '0'],
          ['as', 'supervisor'],
        ]),
        {},
      ),
    ).toMatchObject({ simulatorRate: 0, demoIdentity: 'supervisor' })
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
