import { describe, expect, it } from 'vitest'
import { guardProblem, hostName } from '../../../src/infra/http/request-guard'

const server = { hosts: ['grid.example.gov'], origins: [], sameOrigin: false }
const host = { hosts: [], sameOrigin: true }

describe('the request guard (Origin and Host)', () => {
  it('reads the host name out of a Host header', () => {
    expect(hostName('127.0.0.1:4311')).toBe('127.0.0.1')
    expect(hostName('[::1]:4311')).toBe('::1')
    expect(hostName('Grid.Example.GOV.:443')).toBe('grid.example.gov')
  })

  it('lets programs in by IP literal, localhost or a configured name', () => {
    for (const h of ['127.0.0.1:4311', 'localhost:4311', '[::1]:4311', '10.1.2.3', 'grid.example.gov:4311'])
      expect(guardProblem({ host: h }, server), h).toBeNull()
  })

  it('refuses a name that is not ours (DNS rebinding) and a malformed Host', () => {
    expect(guardProblem({ host: 'rebind.evil.example:4311' }, server)).toMatch(/DNS rebinding/)
    expect(guardProblem({ host: '127.0.0.1:80; script-src *' }, host)).toMatch(/malformed/)
    expect(guardProblem({}, server)).toMatch(/no Host/)
  })

  it('refuses web pages on the central server, whatever their origin', () => {
    expect(guardProblem({ host: '127.0.0.1:4311', origin: 'http://127.0.0.1:4311' }, server)).toMatch(/web page/)
    expect(guardProblem({ host: '127.0.0.1:4311', origin: 'http://127.0.0.1:8080' }, server)).toMatch(/web page/)
    // A form posted from a page that hides its origin still says where it comes from.
    expect(
      guardProblem(
        { host: '127.0.0.1:4311', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
        server,
        'POST',
      ),
    ).toMatch(/cross-site/)
    expect(guardProblem({ host: '127.0.0.1:4311', origin: 'null' }, server, 'POST')).toMatch(/web page/)
  })

  it('lets a configured origin in', () => {
    const withOrigin = { ...server, origins: ['https://wall.example.gov'] }
    expect(
      guardProblem(
        { host: 'grid.example.gov', origin: 'https://wall.example.gov', 'sec-fetch-site': 'cross-site' },
        withOrigin,
      ),
    ).toBeNull()
  })

  it('lets the browser host’s own pages in, and only them', () => {
    const own = { host: '127.0.0.1:5180', origin: 'http://127.0.0.1:5180', 'sec-fetch-site': 'same-origin' }
    expect(guardProblem(own, host)).toBeNull()
    expect(guardProblem({ ...own, origin: 'http://127.0.0.1:5181' }, host)).toMatch(/web page/)
    expect(guardProblem({ ...own, origin: 'http://localhost:5180' }, host)).toMatch(/web page/)
    // Typing the address, or following a link to it, opens the page; a page fetching it does not.
    expect(guardProblem({ host: '127.0.0.1:5180', 'sec-fetch-site': 'none' }, host)).toBeNull()
    expect(
      guardProblem({ host: '127.0.0.1:5180', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' }, host),
    ).toBeNull()
    expect(
      guardProblem({ host: '127.0.0.1:5180', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' }, host),
    ).toMatch(/cross-site/)
  })
})
