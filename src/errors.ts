/**
 * Domain errors thrown by services. Each carries a stable machine `code`; the HTTP layer maps
 * the class to a status in one place (src/http/problem.ts).
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}

export interface FieldError {
  path: string
  message: string
}

/** The request is well-formed but breaks a rule; `errors` names each field. → 422 */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
    code = 'validation_failed',
  ) {
    super(message, code)
  }
}

/** The request cannot be understood at all (malformed body or parameter). → 400 */
export class BadRequestError extends DomainError {}
/** No credentials, or credentials that do not check out. → 401 */
export class UnauthorizedError extends DomainError {}
/** Authenticated, but not allowed to do this. → 403 */
export class ForbiddenError extends DomainError {}
/** Absent, or not visible to this caller. → 404 */
export class NotFoundError extends DomainError {}
/** Clashes with the current state (duplicate, already done, wrong state). → 409 */
export class ConflictError extends DomainError {}
/** The request body is larger than this endpoint accepts. → 413 */
export class ContentTooLargeError extends DomainError {}
/** The body is not of a type this endpoint accepts (judged by content, not by name). → 415 */
export class UnsupportedMediaTypeError extends DomainError {}
/** Too many attempts; retry later. → 429 */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    code: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, code)
  }
}
/** Not available on this deployment (e.g. a feature the backend lacks). → 501 */
export class NotImplementedError extends DomainError {}
/** A payment provider or other upstream failed. → 502 */
export class UpstreamError extends DomainError {}
