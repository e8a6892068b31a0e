import type { z } from 'zod'

/** One request: a zod schema for its arguments and (as a type only) its result. */
export interface RequestDef<A extends z.ZodType, R> {
  readonly args: A
  /** Phantom: carries the result type; never read at run time. */
  readonly result?: R
}

/** `request<Result>()(argsSchema)`: the result type is named, the args are inferred. */
export function request<R>() {
  return <A extends z.ZodType>(args: A): RequestDef<A, R> => ({ args })
}

/** One push event: its payload schema. */
export interface EventDef<P extends z.ZodType> {
  readonly payload: P
}
export function pushEvent<P extends z.ZodType>(payload: P): EventDef<P> {
  return { payload }
}
