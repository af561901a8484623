import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { readToken } from '../auth/token'
import type { AppEnv } from '../context'
import { RateLimitedError } from '../errors'
import { problem, sendProblem } from '../http/problem'
import { clientIp } from './client-ip'
import { consume, digestKey, type LimitState } from './limiter'

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** Sign-ins have their own, tighter limit (limitSignIns); the payment provider signs and retries its webhooks. */
const EXEMPT_PATHS = new Set(['/v1/auth/login', '/v1/auth/register', '/v1/webhooks/stripe'])

/** IETF draft-ietf-httpapi-ratelimit-headers fields, plus Retry-After once the limit is hit. */
export function rateLimitHeaders(state: LimitState): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(state.remaining),
    'RateLimit-Reset': String(state.resetSeconds),
  }
  if (!state.allowed) headers['Retry-After'] = String(state.resetSeconds)
  return headers
}

// The request reports the limit closest to refusing it (fewest remaining, then latest reset).
function remember(c: Context<AppEnv>, state: LimitState): void {
  const current = c.var.rateLimit
  const tighter =
    !current ||
    !state.allowed ||
    (current.allowed && (state.remaining < current.remaining || (state.remaining === current.remaining && state.resetSeconds > current.resetSeconds)))
  if (tighter) c.set('rateLimit', state)
}

function waitText(seconds: number): string {
  return seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`
}

// The signed-in account when the bearer token verifies (cheap HMAC, no database), else the IP.
async function writer(c: Context<AppEnv>): Promise<string> {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')
  if (match?.[1]) {
    try {
      return `user:${(await readToken(match[1], c.var.deps.jwtSecret)).id}`
    } catch {
      // an invalid token is limited by address; the route answers 401 for it
    }
  }
  return `ip:${clientIp(c, c.var.deps.config.TRUST_PROXY)}`
}

/**
 * For everything under /v1: counts each write (POST, PUT, PATCH, DELETE; not sign-ins or the Stripe webhook)
 * per account or, signed out, per client IP; answers 429 past RATE_LIMIT_WRITE_MAX per window.
 * Afterwards writes the RateLimit-* headers of whichever limit was tightest for this request.
 */
export const limitWrites = createMiddleware<AppEnv>(async (c, next) => {
  const { config } = c.var.deps
  if (WRITE_METHODS.has(c.req.method) && !EXEMPT_PATHS.has(c.req.path)) {
    const rule = { name: 'write', max: config.RATE_LIMIT_WRITE_MAX, windowSeconds: config.RATE_LIMIT_WRITE_WINDOW_SECONDS }
    const state = await consume(c.var.deps, rule, await writer(c))
    if (!state.allowed) {
      const detail = `too many requests; try again in ${waitText(state.resetSeconds)}`
      return sendProblem(c, problem(429, 'rate_limited', detail), rateLimitHeaders(state))
    }
    remember(c, state)
  }
  await next()
  const state = c.var.rateLimit
  if (state) for (const [name, value] of Object.entries(rateLimitHeaders(state))) c.res.headers.set(name, value)
})

/**
 * For sign-in and registration: at most RATE_LIMIT_SIGNIN_IP_MAX attempts per client IP and
 * RATE_LIMIT_SIGNIN_EMAIL_MAX per email address (any letter case) per window. The address is
 * counted before the body is read, so malformed floods are limited too.
 */
export const limitSignIns = createMiddleware<AppEnv>(async (c, next) => {
  const { deps } = c.var
  const windowSeconds = deps.config.RATE_LIMIT_SIGNIN_WINDOW_SECONDS
  const byIp = await consume(deps, { name: 'signin-ip', max: deps.config.RATE_LIMIT_SIGNIN_IP_MAX, windowSeconds }, clientIp(c, deps.config.TRUST_PROXY))
  remember(c, byIp)
  if (!byIp.allowed) {
    throw new RateLimitedError(`too many sign-in attempts from your network; try again in ${waitText(byIp.resetSeconds)}`, 'rate_limited', byIp.resetSeconds)
  }
  const body: unknown = await c.req.json().catch(() => undefined)
  const email = (body as { email?: unknown } | undefined)?.email
  if (typeof email === 'string' && email.trim()) {
    const subject = await digestKey(email.trim().toLowerCase())
    const byEmail = await consume(deps, { name: 'signin-email', max: deps.config.RATE_LIMIT_SIGNIN_EMAIL_MAX, windowSeconds }, subject)
    remember(c, byEmail)
    if (!byEmail.allowed) {
      throw new RateLimitedError(`too many sign-in attempts for this email; try again in ${waitText(byEmail.resetSeconds)}`, 'rate_limited', byEmail.resetSeconds)
    }
  }
  await next()
})
