/**
 * Stable error codes. Apps switch on `code`, never on the message text.
 */
export type EchoErrorCode =
  | 'INVALID_VALUE'
  | 'RESERVED_KEY'
  | 'NOT_FOUND'
  | 'DELETED'
  | 'NO_IDENTITY'
  | 'IDENTITY_EXISTS'
  | 'NOT_A_MEMBER'
  | 'FORBIDDEN'
  | 'INVALID_ADDRESS'
  | 'INVALID_INVITATION'
  | 'INVITATION_EXPIRED'
  /** Nobody holds the invitation any more (used, cancelled, its host closed or offline): a dead link. */
  | 'INVITATION_UNAVAILABLE'
  | 'AUTH_FAILED'
  | 'TOO_MANY_ATTEMPTS'
  | 'CANCELLED'
  | 'STORAGE_FAILED'
  | 'CLOSED'
  | 'NETWORK_FAILED'
  | 'TOO_LARGE'

/**
 * The one error type echo-kit throws or reports. `code` is stable; `message` says what to do.
 *
 * @example
 * try { space.db.add({ when: new Date() }) }
 * catch (e) { if (e instanceof EchoError && e.code === 'INVALID_VALUE') showHint(e.message) }
 */
export class EchoError extends Error {
  readonly code: EchoErrorCode
  constructor(code: EchoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'EchoError'
    this.code = code
  }
}

/**
 * True when `error` is an {@link EchoError}, optionally with the given code.
 *
 * @example
 * if (isEchoError(err, 'NOT_FOUND')) return null
 */
export function isEchoError(error: unknown, code?: EchoErrorCode): error is EchoError {
  return error instanceof EchoError && (code === undefined || error.code === code)
}

/**
 * `error` as an {@link EchoError}: kept as is when it is one, else wrapped with `code`.
 *
 * @example catch (e) { state.error = toEchoError(e, 'NETWORK_FAILED') }
 */
export function toEchoError(error: unknown, code: EchoErrorCode): EchoError {
  return error instanceof EchoError ? error : new EchoError(code, (error as Error)?.message ?? String(error), { cause: error })
}
