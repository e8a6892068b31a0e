import { describe, expect, it } from 'vitest'
import { shutDown } from '../../../src/main/launch/shutdown'

describe('bounded shutdown', () => {
  it('runs every step in order and reports a clean stop', async () => {
    const order: string[] = []
    const log: string[] = []
    const clean = await shutDown(
      [
        ['host', async () => void order.push('host')],
        ['core', async () => void order.push('core')],
      ],
      { stepMs: 1000, log: (l) => log.push(l) },
    )
    expect(clean).toBe(true)
    expect(order).toEqual(['host', 'core'])
    expect(log).toEqual([])
  })

  it('names a step that hangs or fails, and still runs the ones after it', async () => {
    const order: string[] = []
    const log: string[] = []
    const clean = await shutDown(
      [
        ['socket', () => new Promise<void>(() => undefined)],
        [
          'store',
          async () => {
            throw new Error('disk gone')
          },
        ],
        ['last', async () => void order.push('last')],
      ],
      { stepMs: 20, log: (l) => log.push(l) },
    )
    expect(clean).toBe(false)
    expect(order).toEqual(['last'])
    expect(log).toEqual([
      'shutdown: socket did not finish within 20 ms; going on without it',
      'shutdown: store failed: disk gone',
    ])
  })
})
