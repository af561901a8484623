import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { problem, sendProblem } from './problem'

/** Largest request body any route takes unless listed in LARGER_BODY_LIMITS: 1 MiB of JSON. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024

/**
 * Routes that take bigger bodies and cap them themselves (with a bodyLimit of their own, so their
 * 413 can say what is too large), by exact path; everything else gets the JSON limit here.
 */
export const OWN_BODY_LIMITS: ReadonlySet<string> = new Set(['/v1/uploads'])

function tooLarge(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => sendProblem(c, problem(413, 'body_too_large', `the request body is larger than ${maxBytes} bytes`)),
  })
}

/**
 * Refuses bodies over the route's limit with 413 before reading them: a Content-Length over the
 * limit is answered at once, and a chunked body is read only until it passes the limit.
 */
export function limitRequestBodies(): MiddlewareHandler {
  const json = tooLarge(JSON_BODY_LIMIT_BYTES)
  return (c, next) => (OWN_BODY_LIMITS.has(c.req.path) ? next() : json(c, next))
}
