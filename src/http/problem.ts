import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
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
  UnauthorizedError,
  UnsupportedMediaTypeError,
  UpstreamError,
  ValidationError,
} from '../errors'

/** An RFC 9457 problem document as this API sends it. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string
  errors?: FieldError[]
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
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
]

/** Builds a problem document; `code` is a stable snake_case identifier clients can branch on. */
export function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: `https://o2o.dev/problems/${code.replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  }
}

/** Sends a problem document with the problem+json media type. */
export function sendProblem(c: Context, p: Problem, headers: Record<string, string> = {}): Response {
  return c.body(JSON.stringify(p), p.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json',
    ...headers,
  })
}

/** The app's one error handler: our domain errors, Hono's HTTP exceptions, and everything else. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof DomainError) {
    const status = STATUS_BY_CLASS.find(([cls]) => err instanceof cls)?.[1] ?? 500
    const fieldErrors = err instanceof ValidationError ? err.errors : undefined
    const headers: Record<string, string> =
      err instanceof RateLimitedError ? { 'Retry-After': String(err.retryAfterSeconds) } : {}
    if (err instanceof UnauthorizedError) headers['WWW-Authenticate'] = 'Bearer'
    return sendProblem(c, problem(status, err.code, err.message, fieldErrors), headers)
  }
  if (err instanceof HTTPException) {
    const status = err.status
    const code = status === 400 ? 'bad_request' : (TITLES[status] ?? 'error').toLowerCase().replace(/\W+/g, '_')
    return sendProblem(c, problem(status, code, err.message || TITLES[status] || 'Request failed'))
  }
  console.error(`unhandled error on ${c.req.method} ${c.req.path}:`, err)
  return sendProblem(c, problem(500, 'internal_error', 'Something went wrong on our side; the request was not completed.'))
}
