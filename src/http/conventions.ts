import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { etag } from 'hono/etag'
import { problem, sendProblem } from './problem'

/** Media types the API can answer with; an Accept header naming none of them gets 406. */
export const API_MEDIA_TYPES = [
  'application/json',
  'application/problem+json',
  'application/geo+json',
  'application/vnd.mapbox-vector-tile',
  // GET /v1/me/events (Server-Sent Events).
  'text/event-stream',
] as const

/** Whether `accept` (an Accept header) allows any of the API's media types. */
export function acceptsApi(accept: string | undefined): boolean {
  if (!accept?.trim()) return true
  return accept.split(',').some((part) => {
    const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    if (params.some((p) => /^q=0(\.0+)?$/.test(p))) return false
    if (range === '*/*' || range === 'application/*') return true
    return (API_MEDIA_TYPES as readonly string[]).includes(range)
  })
}

/** The API paths these conventions cover: /v1, the probes. */
export function isApiPath(path: string): boolean {
  return path.startsWith('/v1/') || path === '/v1' || path === '/health' || path === '/ready'
}

/** 406 for an Accept header that allows no media type the API sends (API paths only). */
export const negotiate: MiddlewareHandler = async (c, next) => {
  if (isApiPath(c.req.path) && c.req.method !== 'OPTIONS' && !acceptsApi(c.req.header('Accept'))) {
    return sendProblem(c, problem(406, 'not_acceptable', `this API answers ${API_MEDIA_TYPES.join(', ')}; the Accept header allows none of them`))
  }
  await next()
}

/** A trailing slash on an API path answers 308 to the path without it (query kept). */
export const dropTrailingSlash: MiddlewareHandler = async (c, next) => {
  const path = c.req.path
  if (path.length > 1 && path.endsWith('/') && isApiPath(path.replace(/\/+$/, '') || '/')) {
    const url = new URL(c.req.url)
    return c.redirect(`${path.replace(/\/+$/, '')}${url.search}`, 308)
  }
  await next()
}

/** CORS for the origins in CORS_ORIGINS only (empty: same-origin, no CORS headers); preflight answers 204. */
export function corsFor(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins)
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match'],
    exposeHeaders: ['ETag', 'Idempotent-Replayed', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'X-Request-Id', 'Location'],
    maxAge: 600,
  })
}

/**
 * The body's fingerprint for weak ETags: two 32-bit FNV-style lanes (64 bits), synchronous. An ETag
 * only has to change when the answer changes — it guards nothing — and this costs ~20 µs for 15 kB
 * where Web Crypto's SHA-1 (hono's default) cost the busiest read paths a thread-pool round trip
 * per request (seen in CPU profiles of the review listing under load).
 */
export function bodyFingerprint(body: Uint8Array): ArrayBuffer {
  let a = 0x811c9dc5
  let b = 0x5bd1e995
  for (let i = 0; i < body.length; i++) {
    const byte = body[i] as number
    a = Math.imul(a ^ byte, 16777619)
    b = Math.imul(b ^ byte, 0x5bd1e995) ^ (b >>> 15)
  }
  const out = new Uint32Array([a >>> 0, b >>> 0, body.length])
  return out.buffer
}

const weakEtag = etag({ weak: true, generateDigest: bodyFingerprint })

/** Endpoints that answer with a never-ending stream (Server-Sent Events). */
const STREAMING_PATHS: ReadonlySet<string> = new Set(['/v1/me/events'])

/**
 * Caching of API answers: weak ETags with If-None-Match → 304 on successful GETs, `Vary: Accept,
 * Authorization`, and Cache-Control — `public, max-age=30` on anonymous GETs, `private, no-store`
 * on anything personal (sent with a token) and on writes; a route's own Cache-Control wins.
 */
export const cacheApi: MiddlewareHandler = async (c, next) => {
  if (!c.req.path.startsWith('/v1/')) return next()
  // An event stream never ends: hashing its body for an ETag would wait forever.
  if (STREAMING_PATHS.has(c.req.path)) {
    await next()
    c.res.headers.set('Cache-Control', 'no-store')
    return
  }
  const personal = Boolean(c.req.header('Authorization'))
  await weakEtag(c, next)
  c.res.headers.append('Vary', 'Accept, Authorization')
  if (c.res.headers.has('Cache-Control')) return
  const read = c.req.method === 'GET' || c.req.method === 'HEAD'
  const cacheable = read && !personal && (c.res.status === 200 || c.res.status === 304)
  c.res.headers.set('Cache-Control', cacheable ? 'public, max-age=30' : 'private, no-store')
}
