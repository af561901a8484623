import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { databaseFault } from '../db/faults'
import {
  BadRequestError,
  ConflictError,
  ContentTooLargeError,
  DomainError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  NotImplementedError,
  RateLimitedError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  UpstreamError,
  ValidationError,
} from '../errors'

/** An RFC 9457 problem document as this API sends it. */
export interface Problem {
  type: string
  title: string
  /** `urn:request:<X-Request-Id>`, added by sendProblem. */
  instance?: string
  status: number
  detail: string
  code: string
  errors?: FieldError[]
}

/** Reason phrases, for codes derived from a bare HTTP status. */
export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

const STATUS_BY_CLASS: Array<[new (...args: never[]) => DomainError, number]> = [
  [ValidationError, 422],
  [BadRequestError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [ContentTooLargeError, 413],
  [UnsupportedMediaTypeError, 415],
  [RateLimitedError, 429],
  [NotImplementedError, 501],
  [UpstreamError, 502],
  [ServiceUnavailableError, 503],
]

/** `order_not_found` → `Order not found`: one title per error type, whatever the detail says. */
export function titleOf(code: string): string {
  const words = code.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * Builds a problem document; `code` is a stable snake_case identifier clients can branch on, and
 * `type` is this app's page explaining it (src/problems).
 */
export function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: `/problems/${code}`,
    title: titleOf(code),
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  }
}

/** Sends a problem document with the problem+json media type. */
export function sendProblem(c: Context, p: Problem, headers: Record<string, string> = {}): Response {
  const id = c.get('requestId') as string | undefined
  const body = { ...p, instance: `urn:request:${id ?? 'unknown'}` }
  return c.body(JSON.stringify(body), p.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json',
    ...headers,
  })
}

/**
 * The app's one error handler: our domain errors (database faults such as a lost connection or a
 * timeout count as one: 503), Hono's HTTP exceptions, and everything else.
 */
export function handleError(thrown: Error, c: Context): Response {
  const fault = thrown instanceof DomainError ? undefined : databaseFault(thrown)
  if (fault) console.warn(`database fault on ${c.req.method} ${c.req.path}: ${thrown.message}`)
  const err = fault ?? thrown
  if (err instanceof DomainError) {
    const status = STATUS_BY_CLASS.find(([cls]) => err instanceof cls)?.[1] ?? 500
    const fieldErrors = err instanceof ValidationError ? err.errors : undefined
    const headers: Record<string, string> =
      err instanceof RateLimitedError || err instanceof ServiceUnavailableError ? { 'Retry-After': String(err.retryAfterSeconds) } : {}
    if (err instanceof UnauthorizedError) headers['WWW-Authenticate'] = 'Bearer'
    return sendProblem(c, problem(status, err.code, err.message, fieldErrors), headers)
  }
  if (err instanceof HTTPException) {
    const status = err.status
    const code = status === 400 ? 'bad_request' : (STATUS_TEXT[status] ?? 'error').toLowerCase().replace(/\W+/g, '_')
    // The OpenAPI validator's 415 carries only the status text; say what to send instead.
    const detail = status === 415 ? 'send the request body with the Content-Type this operation documents (application/json for JSON bodies)' : err.message
    return sendProblem(c, problem(status, code, detail || STATUS_TEXT[status] || 'Request failed'))
  }
  console.error(`unhandled error on ${c.req.method} ${c.req.path}:`, err)
  return sendProblem(c, problem(500, 'internal_error', 'Something went wrong on our side; the request was not completed.'))
}
