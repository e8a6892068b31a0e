import type { ArgsOf, ContractErrorData, EventName, EventPayloadOf, RequestName, ResultOf } from '@shared/contract'
import { getBridge } from './bridge'

/** A request that failed, with the core's stable code. */
export class RequestError extends Error {
  constructor(readonly data: ContractErrorData) {
    super(data.message)
    this.name = 'RequestError'
  }
  get code() {
    return this.data.code
  }
}

/** Calls the core; resolves with the result or throws a RequestError. */
export async function call<N extends RequestName>(name: N, args: ArgsOf<N>): Promise<ResultOf<N>> {
  const outcome = await getBridge().bridge.invoke(name, args)
  if (!outcome.ok) throw new RequestError(outcome.error)
  return outcome.value
}

export function subscribe<E extends EventName>(name: E, listener: (payload: EventPayloadOf<E>) => void): () => void {
  return getBridge().bridge.subscribe(name, listener)
}
