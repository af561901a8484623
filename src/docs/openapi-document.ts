import type { OpenAPIHono } from '@hono/zod-openapi'
import { IDEMPOTENT_CREATES } from '../http/idempotency'

type Doc = ReturnType<OpenAPIHono['getOpenAPI31Document']>
// biome-ignore lint: the document is plain JSON here
type Json = any

/** The tags operations may use, each with what it groups (linters require declared tags). */
export const API_TAGS = [
  { name: 'Operations', description: 'Liveness and readiness probes for load balancers and orchestrators.' },
  { name: 'Accounts', description: 'Registration, sign-in, password changes and the signed-in account.' },
  { name: 'Search', description: 'Nearby search, map viewports, vector tiles and service-area lookup.' },
  { name: 'Storefronts', description: 'Merchant storefronts: onboarding, editing, publishing, categories.' },
  { name: 'Offerings', description: "Products, services and vouchers a storefront sells, priced in the storefront's currency." },
  { name: 'Orders', description: 'Placing, reading and cancelling orders; redeeming them in the shop.' },
  { name: 'Reviews', description: 'Verified reviews of completed orders, replies, votes and reports.' },
  { name: 'Bookings', description: 'Bookable time slots of service offerings.' },
  { name: 'Payments', description: 'Card payments through Stripe, merchant payouts and the Stripe webhook.' },
  { name: 'Uploads', description: 'Photo uploads and the media they become.' },
  { name: 'Fans', description: 'Following storefronts, store news posts and the following feed.' },
  { name: 'Live updates', description: "A signed-in user's Server-Sent Events stream: order changes, followed stores' posts." },
  { name: 'Coupons', description: "Merchants' coupon campaigns, claiming them and the consumer's wallet." },
  { name: 'For you', description: 'Personal recommendations with their reasons, interests, interest groups, and the signals behind them.' },
  { name: 'Split payments', description: 'Pay together: invites to a split order and paying one share each.' },
] as const

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const
const WRITES = new Set(['put', 'post', 'patch', 'delete'])

const problemRef = { $ref: '#/components/schemas/Problem' }
const header = (description: string, schema: Json = { type: 'string' }) => ({ description, schema })

/** Reusable headers every operation may refer to. */
const HEADERS: Record<string, Json> = {
  'X-Request-Id': header('Identifies this request in the server logs; the same id is the `instance` of a problem document.'),
  'RateLimit-Limit': header('Requests allowed in the current window (writes only).', { type: 'integer', minimum: 1 }),
  'RateLimit-Remaining': header('Requests left in the current window.', { type: 'integer', minimum: 0 }),
  'RateLimit-Reset': header('Seconds until the window resets.', { type: 'integer', minimum: 0 }),
  'Retry-After': header('Seconds to wait before retrying.', { type: 'integer', minimum: 0 }),
  'WWW-Authenticate': header('The authentication scheme to use: `Bearer`.'),
  ETag: header('Weak validator of this representation; send it back in If-None-Match to get 304.'),
  'Idempotent-Replayed': header('`true` when this answer is the stored answer to an earlier request with the same Idempotency-Key.', {
    type: 'string',
    enum: ['true'],
  }),
}

const ref = (name: string) => ({ $ref: `#/components/headers/${name}` })
const PROBLEM_HEADERS: Record<string, string[]> = { 401: ['WWW-Authenticate'], 429: ['Retry-After'], 503: ['Retry-After'] }
const COMMON_PROBLEMS: Record<string, string> = {
  400: 'Malformed request body (not valid JSON)',
  422: 'Validation failed (unknown query parameters included); `errors` names each field',
  406: 'The Accept header names no media type this operation can send',
  413: 'Request body too large',
  415: 'Unsupported media type: send the Content-Type this operation documents',
  429: 'Too many requests; retry after `Retry-After` seconds',
  500: 'Unexpected server error; the request was not completed',
  503: 'Temporarily unavailable (database down, busy or too slow, or shutting down); retry after `Retry-After` seconds',
}

function words(s: string): string[] {
  return s.split(/[^A-Za-z0-9]+/).filter(Boolean)
}

/** `get /v1/merchants/{id}/offerings` → `getMerchantsByIdOfferings`: stable, unique per method and path. */
export function operationIdOf(method: string, path: string): string {
  const parts = path
    .split('/')
    .filter((seg) => seg && seg !== 'v1')
    .flatMap((seg) => (seg.startsWith('{') ? ['by', ...words(seg)] : words(seg)))
  return method + parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('')
}

function authSentence(security: Json[] | undefined): string {
  if (!security || security.length === 0) return 'Public: no authentication.'
  if (security.some((s) => Object.keys(s).length === 0)) return 'Authentication optional: a bearer token shows more to its owner.'
  return 'Requires a bearer access token.'
}

function problemResponse(description: string, status: string): Json {
  const headers = Object.fromEntries((PROBLEM_HEADERS[status] ?? []).map((h) => [h, ref(h)]))
  return { description, headers, content: { 'application/problem+json': { schema: problemRef } } }
}

function completeOperation(method: string, path: string, op: Json): void {
  op.operationId ??= operationIdOf(method, path)
  op.security ??= []
  if (!op.description) op.description = `${op.summary ?? ''}. ${authSentence(op.security)}`.replace(/^\. /, '')
  const responses: Record<string, Json> = op.responses
  const hasBody = Boolean(op.requestBody)
  const extra: string[] = ['406', '500']
  if (path !== '/health') extra.push('503')
  if (hasBody) extra.push('400', '413', '415')
  if (path.startsWith('/v1/') && path !== '/v1/webhooks/stripe') extra.push('422')
  if (WRITES.has(method) && path.startsWith('/v1/')) extra.push('429')
  for (const status of extra) responses[status] ??= problemResponse(COMMON_PROBLEMS[status]!, status)
  const idempotent = method === 'post' && (IDEMPOTENT_CREATES as readonly string[]).includes(path)
  if (idempotent) {
    op.parameters = [
      ...(op.parameters ?? []),
      { in: 'header', name: 'Idempotency-Key', required: false, description: 'Optional: retry with the same key to get the first answer again instead of a second copy', schema: { type: 'string', minLength: 1, maxLength: 255 } },
    ]
    responses['409'] ??= problemResponse('The Idempotency-Key was used for another request, or its first request is still running', '409')
  }
  if (idempotent || (method === 'post' && path === '/v1/orders')) {
    // The success a replay repeats: 201 for creates, 200 for claims and redemptions.
    const success = responses['201'] ?? responses['200']
    if (success) success.headers = { 'Idempotent-Replayed': ref('Idempotent-Replayed'), ...success.headers }
  }
  if (method === 'get' && path.startsWith('/v1/')) {
    // src/http/conventions.ts: weak ETags on every successful read, 304 when If-None-Match matches.
    op.parameters = [...(op.parameters ?? []), { in: 'header', name: 'If-None-Match', required: false, description: 'An ETag from an earlier answer; 304 when unchanged', schema: { type: 'string' } }]
    responses['304'] ??= { description: 'Not modified since the ETag sent in If-None-Match', headers: { ETag: ref('ETag') } }
    if (responses['200']) responses['200'].headers = { ETag: ref('ETag'), ...responses['200'].headers }
  }
  for (const [status, res] of Object.entries(responses)) {
    res.headers = { 'X-Request-Id': ref('X-Request-Id'), ...res.headers }
    for (const name of PROBLEM_HEADERS[status] ?? []) res.headers[name] ??= ref(name)
    if (WRITES.has(method) && path.startsWith('/v1/')) {
      for (const name of ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']) res.headers[name] ??= ref(name)
    }
  }
}

/**
 * Completes the generated document with what every operation shares, so each route file declares
 * only its own statuses: operationId, description, security (none = public), the problem answers
 * any route can give (406, 413/415 with a body, 429 on writes, 500, 503) and the common headers.
 */
export function completeDocument(doc: Doc, serverUrl = '/'): Doc {
  const out: Json = structuredClone(doc)
  out.servers = [{ url: serverUrl, description: 'This server' }]
  out.tags = API_TAGS.map((t) => ({ ...t }))
  out.components ??= {}
  out.components.headers = { ...HEADERS, ...out.components.headers }
  for (const [path, item] of Object.entries<Json>(out.paths ?? {})) {
    for (const method of METHODS) if (item[method]) completeOperation(method, path, item[method])
  }
  // 405 and 308 come from routing, not from an operation: a path asked with a method it does not list
  // answers the MethodNotAllowed response below. OpenAPI cannot attach a response to a method a path
  // lacks, so it is described once and named from the document root (x-method-not-allowed).
  out.components.headers.Allow = header('The methods this path takes, e.g. `GET, HEAD, PATCH`.')
  out.components.responses = {
    ...out.components.responses,
    MethodNotAllowed: {
      description: 'Any path asked with a method it does not list: a problem document (code method_not_allowed) and `Allow` naming the methods it takes',
      headers: { Allow: ref('Allow'), 'X-Request-Id': ref('X-Request-Id') },
      content: { 'application/problem+json': { schema: problemRef } },
    },
  }
  out['x-method-not-allowed'] = { $ref: '#/components/responses/MethodNotAllowed' }
  // Only the shared headers some operation refers to (unused components are lint warnings).
  const used = JSON.stringify(out.paths)
  for (const name of Object.keys(HEADERS)) if (name !== 'X-Request-Id' && !used.includes(`"#/components/headers/${name}"`)) delete out.components.headers[name]
  return out
}
