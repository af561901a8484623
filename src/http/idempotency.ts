import type { Context, MiddlewareHandler } from 'hono'
import { readToken } from '../auth/token'
import type { AppEnv } from '../context'
import { ConflictError, ValidationError } from '../errors'
import * as store from './idempotency.repository'
import { sha256Hex } from './digest'

/**
 * POSTs that create something and take an optional Idempotency-Key here (OpenAPI paths). Orders
 * keep their own, required key (src/orders/create-order.ts), claimed in the order's transaction.
 * Not here: register (anonymous, and a second try is already a 409 for the taken email; replaying
 * a session token to whoever repeats a key would be unsafe), follows (PUT: idempotent by method),
 * share payments and payout onboarding (keyed at Stripe per share and per storefront).
 */
export const IDEMPOTENT_CREATES = [
  '/v1/merchants',
  '/v1/merchants/{id}/offerings',
  '/v1/orders/{id}/review',
  '/v1/reviews/{id}/reports',
  '/v1/uploads',
  '/v1/merchants/{id}/posts',
  '/v1/merchants/{id}/coupons',
  '/v1/coupons/{id}/claim',
  '/v1/split-invites/{token}/claim',
  '/v1/merchants/{id}/redemptions',
  '/v1/merchants/{id}/reports',
] as const

/**
 * The same paths in Hono's syntax, for `app.on('POST', …)`; uploads install the middleware
 * themselves, after their own body limit, so an oversized file is refused before it is read.
 */
export const IDEMPOTENT_ROUTES = IDEMPOTENT_CREATES.filter((p) => p !== '/v1/uploads').map((p) => p.replace(/\{(\w+)\}/g, ':$1'))

const KEY = /^[\x21-\x7e]{1,255}$/

/** SHA-256 (hex) of the request line and its body: what a repeated key must match. */
function requestFingerprint(head: string, body: ArrayBuffer): string {
  const headBytes = new TextEncoder().encode(head)
  const bytes = new Uint8Array(headBytes.length + body.byteLength)
  bytes.set(headBytes)
  bytes.set(new Uint8Array(body), headBytes.length)
  return sha256Hex(bytes)
}

async function ownerOf(c: Context<AppEnv>): Promise<string | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')
  if (!match?.[1]) return undefined
  try {
    return `user:${(await readToken(match[1], c.var.deps.jwtSecret)).id}`
  } catch {
    return undefined // the route answers 401
  }
}

/**
 * A multipart body with its boundary replaced by a fixed one: a client retrying the same form
 * (a browser makes a new boundary every time) sends the same request.
 */
function withoutBoundary(body: ArrayBuffer, contentType: string | undefined): ArrayBuffer {
  const boundary = /^multipart\/[^;]+;.*\bboundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1]
  if (!boundary) return body
  // One character per byte (latin1), so binary parts keep their length; only hashed, never parsed.
  const text = new TextDecoder('latin1').decode(body).split(boundary).join('idempotency-boundary')
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0)).buffer
}

function replay(row: { status: number | null; content_type: string | null; body: string | null }): Response {
  return new Response(row.body, { status: row.status ?? 200, headers: { 'Content-Type': row.content_type ?? 'application/json', 'Idempotent-Replayed': 'true' } })
}

/**
 * Stripe-style idempotency: with an Idempotency-Key, the first successful (2xx) answer is stored per
 * caller and key and replayed, status and body, with `Idempotent-Replayed: true`; the same key with
 * another request is 409 `idempotency_key_reused`, and while the first still runs 409
 * `idempotency_request_in_flight`. Failed requests release the key so they can be retried.
 */
export const idempotent: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('Idempotency-Key')
  if (key === undefined) return next()
  if (!KEY.test(key)) {
    throw new ValidationError('Idempotency-Key must be 1 to 255 visible ASCII characters', [
      { path: 'idempotency-key', message: 'must be 1 to 255 visible ASCII characters' },
    ])
  }
  const owner = await ownerOf(c)
  // No caller to key by (the route answers 401), or a path the route will refuse (control characters).
  if (!owner || /[\u0000-\u001f\u007f]/.test(c.req.path)) return next()
  const { db } = c.var.deps
  // The raw bytes (an upload is binary): Hono caches them, so the route still parses its JSON or form.
  const hash = requestFingerprint(`${c.req.method} ${c.req.path}\n`, withoutBoundary(await c.req.arrayBuffer(), c.req.header('Content-Type')))
  if (!(await store.claimKey(db, { owner, idempotency_key: key, method: c.req.method, path: c.req.path, request_hash: hash }))) {
    const earlier = await store.findKey(db, owner, key)
    if (earlier && earlier.request_hash !== hash) {
      throw new ConflictError('this Idempotency-Key was already used for a different request', 'idempotency_key_reused')
    }
    if (!earlier || earlier.status === null) {
      throw new ConflictError('a request with this Idempotency-Key is still being processed; retry shortly', 'idempotency_request_in_flight')
    }
    return replay(earlier)
  }
  await next()
  if (c.res.status >= 200 && c.res.status < 300) {
    const body = await c.res.clone().text()
    await store.completeKey(db, owner, key, { status: c.res.status, content_type: c.res.headers.get('Content-Type') ?? 'application/json', body })
  } else {
    await store.releaseKey(db, owner, key)
  }
}
