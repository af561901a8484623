import { createMiddleware } from 'hono/factory'
import { authenticate } from '../auth/authenticate'
import type { AppEnv } from '../context'
import { ForbiddenError, UnauthorizedError } from '../errors'

/** Requires `Authorization: Bearer <token>` of a live session (see authenticate); sets `c.var.user`. */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization') ?? ''
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  if (!match?.[1]) throw new UnauthorizedError('sign in first: send Authorization: Bearer <token>', 'missing_token')
  c.set('user', await authenticate(c.var.deps, match[1]))
  await next()
})

/** Reads the bearer token when present (public routes that show more to their owner). */
export const optionalAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization')
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match?.[1]) throw new UnauthorizedError('malformed Authorization header', 'invalid_token')
    c.set('user', await authenticate(c.var.deps, match[1]))
  }
  await next()
})

/** Requires a signed-in user with `role`. */
export function requireRole(role: 'consumer' | 'merchant') {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.var.user?.role !== role) throw new ForbiddenError(`only ${role} accounts can do this`, 'wrong_role')
    await next()
  })
}
