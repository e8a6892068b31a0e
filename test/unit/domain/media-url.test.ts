import { describe, expect, it } from 'vitest'
import { commandPayloadSchemas, eventPayloadSchemas } from '@shared/domain'

const report = {
  title: '井盖缺失',
  description: '',
  category: 'city_components',
  priority: 'normal',
  source: 'patrol',
  townId: 't',
  gridId: 'g',
  componentId: null,
  lat: 22.5,
  lng: 113.4,
  address: '',
}

describe('a report’s photo URL', () => {
  it('is taken from clients only as http(s)', () => {
    expect(commandPayloadSchemas.report.safeParse({ ...report, mediaUrl: 'https://x.example/p.jpg' }).success).toBe(
      true,
    )
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:image/png;base64,AA', 'ftp://x.example/p'])
      expect(commandPayloadSchemas.report.safeParse({ ...report, mediaUrl: url }).success, url).toBe(false)
  })

  it('still reads from the log when an older server stored another scheme (views never open it)', () => {
    expect(
      eventPayloadSchemas.report.safeParse({ ...report, code: 'ZS-1', mediaUrl: 'ftp://x.example/p' }).success,
    ).toBe(true)
  })
})
