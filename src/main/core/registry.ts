import {
  ContractError,
  isRequestName,
  requests,
  type ContractErrorData,
  type Outcome,
  type ParsedArgsOf,
  type RequestName,
  type ResultOf,
} from '@shared/contract'

/** Who is calling: the transport says which window or socket, for auditing and read-only checks. */
export interface CallContext {
  readonly origin: 'ipc' | 'socket' | 'internal'
  /** A read-only caller (the wall's token) may only use read requests. */
  readonly readOnly: boolean
}

export type Handler<N extends RequestName> = (
  args: ParsedArgsOf<N>,
  ctx: CallContext,
) => Promise<ResultOf<N>> | ResultOf<N>

/** Requests that change something; refused to read-only callers. */
const WRITES: ReadonlySet<string> = new Set<string>([
  'settings.set',
  'commands.submit',
  'conflicts.dismiss',
  'conflicts.redo',
  'session.signIn',
  'session.signOut',
  'session.enrol',
  'ruleSets.activate',
  'assessment.closePeriod',
])

/** Decides whether a call may go ahead now (the session's gate); null lets it through. */
export type CallGuard = (name: RequestName, ctx: CallContext) => ContractErrorData | null

export function isWriteRequest(name: RequestName): boolean {
  return WRITES.has(name) || /\.(save|set|delete|submit|redo|dismiss)$/.test(name)
}

/**
 * name → handler, bound once. Validates every argument against the contract's
 * schema and turns every failure into plain data with a stable code, so any
 * transport can carry it.
 */
export class Registry {
  private readonly handlers = new Map<RequestName, Handler<RequestName>>()
  private guard: CallGuard = () => null

  /** Installs the gate every call passes (nobody signed in → only the session's requests). */
  setGuard(guard: CallGuard): void {
    this.guard = guard
  }

  register<N extends RequestName>(name: N, handler: Handler<N>): this {
    if (!isRequestName(name)) throw new Error(`"${String(name)}" is not in the contract`)
    if (this.handlers.has(name)) throw new Error(`a handler for "${name}" is already registered`)
    this.handlers.set(name, handler as unknown as Handler<RequestName>)
    return this
  }

  has(name: RequestName): boolean {
    return this.handlers.has(name)
  }

  names(): RequestName[] {
    return [...this.handlers.keys()]
  }

  /** Names in the contract that nothing handles (the app checks this at start). */
  missing(): RequestName[] {
    return (Object.keys(requests) as RequestName[]).filter((n) => !this.handlers.has(n))
  }

  async call(name: unknown, args: unknown, ctx: CallContext): Promise<Outcome<unknown>> {
    if (!isRequestName(name)) return fail({ code: 'unknown_request', message: `unknown request "${String(name)}"` })
    const handler = this.handlers.get(name)
    if (!handler) return fail({ code: 'unknown_request', message: `no handler for "${name}"` })
    if (ctx.readOnly && isWriteRequest(name))
      return fail({ code: 'forbidden', message: `"${name}" is not allowed on a read-only connection` })
    const refused = this.guard(name, ctx)
    if (refused) return fail(refused)
    const parsed = requests[name].args.safeParse(args ?? {})
    if (!parsed.success) {
      return fail({
        code: 'invalid_args',
        message: `invalid arguments for "${name}"`,
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      })
    }
    try {
      const value = await handler(parsed.data as never, ctx)
      return { ok: true, value }
    } catch (err) {
      if (err instanceof ContractError) return fail(err.toData())
      return fail({ code: 'internal', message: err instanceof Error ? err.message : String(err) })
    }
  }
}

function fail(error: ContractErrorData): Outcome<never> {
  return { ok: false, error }
}
