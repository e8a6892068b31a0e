import { describe, expect, it } from 'vitest'
import { webLink } from '@shared/domain'

describe('links from case data', () => {
  it('opens http(s) addresses only', () => {
    expect(webLink('https://example.org/p/1.jpg')).toBe('https://example.org/p/1.jpg')
    expect(webLink(' HTTP://Example.org:8080/a%20b.jpg?x=1#top ')).toBe('HTTP://Example.org:8080/a%20b.jpg?x=1#top')
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:image/png;base64,AA',
      'ftp://x/y',
      '/p/1.jpg',
      'https://user:pw@example.org/',
      'https://example.org/a b.jpg',
      'https:///nohost',
      'x',
      '',
      null,
      undefined,
    ])
      expect(webLink(bad), String(bad)).toBeNull()
  })
})
