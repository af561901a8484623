import type { Context, MiddlewareHandler } from 'hono'
import { readToken } from '../auth/token'
import type { AppEnv } from '../context'
import { ConflictError, ValidationError } from '../errors'
import * as store from './idempotency.repository'

/**
 * POSTs that create something and take an optional Idempotency-Key here (OpenAPI paths). Orders
 * keep their own, required key (src/orders/create-order.ts), claimed in the order's transaction.
 */
export const IDEMPOTENT_CREATES = ['/v1/merchants', '/v1/merchants/{id}/offerings', '/v1/orders/{id}/review', '/v1/reviews/{id}/reports'] as const

/** The same paths in Hono's syntax, for `app.on('POST', …)`. */
export const IDEMPOTENT_ROUTES = IDEMPOTENT_CREATES.map((p) => p.replace(/\{(\w+)\}/g, ':$1'))

const KEY = /^[\x21-\x7e]{1,255}$/

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
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
  const hash = await sha256(`${c.req.method} ${c.req.path}\n${await c.req.text()}`)
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
