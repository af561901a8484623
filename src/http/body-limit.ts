import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { problem, sendProblem } from './problem'

/** Largest request body any route takes unless listed in LARGER_BODY_LIMITS: 1 MiB of JSON. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024

/**
 * Routes that take bigger bodies, by exact path, with their own cap. A route that needs more adds
 * its path here (it can still check a smaller size itself); everything else gets the JSON limit.
 */
export const LARGER_BODY_LIMITS: Readonly<Record<string, number>> = {
  '/v1/uploads': 10 * 1024 * 1024,
}

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
  const larger = new Map(Object.entries(LARGER_BODY_LIMITS).map(([path, max]) => [path, tooLarge(max)]))
  return (c, next) => (larger.get(c.req.path) ?? json)(c, next)
}
