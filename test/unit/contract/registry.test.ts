import { describe, expect, it } from 'vitest'
import { ContractError } from '@shared/contract'
import { Registry, type CallContext } from '../../../src/main/core/registry'

const ctx: CallContext = { origin: 'internal', readOnly: false }

describe('the request registry', () => {
  it('refuses a second handler for the same name', () => {
    const registry = new Registry().register('settings.get', () => ({ locale: 'zh-CN' as const }))
    expect(() => registry.register('settings.get', () => ({ locale: 'en' as const }))).toThrow(/already registered/)
  })

  it('refuses names that are not in the contract', () => {
    expect(() => new Registry().register('no.such' as never, () => undefined as never)).toThrow(/not in the contract/)
  })

  it('validates arguments against the contract and reports each problem with a stable code', async () => {
    const registry = new Registry().register('settings.set', (args) => args)
    const outcome = await registry.call('settings.set', { locale: 'fr' }, ctx)
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.error.code).toBe('invalid_args')
    expect(outcome.error.issues?.[0]?.path).toBe('locale')
  })

  it('passes parsed arguments to the handler and returns its value as plain data', async () => {
    const registry = new Registry().register('settings.set', (args) => ({ locale: args.locale }))
    await expect(registry.call('settings.set', { locale: 'en' }, ctx)).resolves.toEqual({
      ok: true,
      value: { locale: 'en' },
    })
  })

  it('answers unknown and unhandled names with unknown_request', async () => {
    const registry = new Registry()
    expect(await registry.call('nope', {}, ctx)).toMatchObject({ ok: false, error: { code: 'unknown_request' } })
    expect(await registry.call('app.info', {}, ctx)).toMatchObject({ ok: false, error: { code: 'unknown_request' } })
    expect(registry.missing()).toContain('app.info')
  })

  it('turns a ContractError into its code and any other throw into internal', async () => {
    const registry = new Registry()
      .register('incident.get', () => {
        throw new ContractError('not_found', 'incident X not found')
      })
      .register('app.info', () => {
        throw new Error('disk on fire')
      })
    expect(await registry.call('incident.get', { id: 'X' }, ctx)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'incident X not found' },
    })
    expect(await registry.call('app.info', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'disk on fire' },
    })
  })

  it('refuses writes on a read-only connection but serves reads', async () => {
    const registry = new Registry()
      .register('settings.set', (args) => args)
      .register('settings.get', () => ({ locale: 'zh-CN' as const }))
    const ro: CallContext = { origin: 'socket', readOnly: true }
    expect(await registry.call('settings.set', { locale: 'en' }, ro)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await registry.call('settings.get', {}, ro)).toMatchObject({ ok: true })
  })
})
