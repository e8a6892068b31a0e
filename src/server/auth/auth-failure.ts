import type { AuthErrorCode } from '@shared/protocol'

/** A refused auth request: its stable code, a message for people, and when to try again. */
export class AuthFailure extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
    this.name = 'AuthFailure'
  }
}
