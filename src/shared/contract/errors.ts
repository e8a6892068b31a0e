/** Stable error codes a request can fail with; the transport carries them as plain data. */
export const ERROR_CODES = [
  'unknown_request',
  'invalid_args',
  'forbidden',
  'not_found',
  'unavailable',
  'conflict',
  'internal',
  /** Nobody is signed in at this workstation: sign in first. */
  'unauthenticated',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ContractErrorData {
  readonly code: ErrorCode
  readonly message: string
  /** Field-level problems for invalid_args: path → message. */
  readonly issues?: readonly { readonly path: string; readonly message: string }[]
}

export type Outcome<R> =
  { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: ContractErrorData }

/** Thrown by handlers to fail with a specific code; anything else becomes `internal`. */
export class ContractError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ContractErrorData['issues'],
  ) {
    super(message)
    this.name = 'ContractError'
  }
  toData(): ContractErrorData {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message }
  }
}
