import { createRoute } from '@hono/zod-openapi'
import { requireAuth } from '../http/auth'
import { bearer, json, jsonBody, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { ChangePasswordSchema, LoginSchema, RegisterSchema, SessionSchema, UserSchema } from './auth.schemas'
import * as auth from './auth.service'
import { NoQuery } from '../http/text'

const registerRoute = createRoute({
  method: 'post',
  path: '/auth/register',
  tags: ['Accounts'],
  summary: 'Create a consumer or merchant account',
  request: { query: NoQuery, body: jsonBody(RegisterSchema) },
  responses: { 201: json(SessionSchema, 'Account created and signed in'), ...problems(400, 409, 422, 429) },
})

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['Accounts'],
  summary: 'Sign in with email and password',
  request: { query: NoQuery, body: jsonBody(LoginSchema) },
  responses: { 200: json(SessionSchema, 'Signed in'), ...problems(400, 401, 422, 429) },
})

const changePasswordRoute = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['Accounts'],
  summary: 'Change your password; every other session is signed out and a fresh one returned',
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: NoQuery, body: jsonBody(ChangePasswordSchema) },
  responses: { 200: json(SessionSchema, 'Password changed; use the new token'), ...problems(400, 401, 422, 429) },
})

const logoutAllRoute = createRoute({
  method: 'post',
  path: '/auth/logout-all',
  tags: ['Accounts'],
  summary: 'Sign out everywhere: every token issued so far stops working',
  security: bearer,
  middleware: [requireAuth] as const,
  responses: { 204: { description: 'Signed out everywhere' }, ...problems(401) },
})

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Accounts'],
  summary: 'The signed-in account',
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: NoQuery },
  responses: { 200: json(UserSchema, 'The account'), ...problems(401) },
})

/** Accounts: register, sign in, change password, sign out everywhere, who am I. */
export const authRoutes = newRouter()
  .openapi(registerRoute, async (c) => c.json(await auth.register(c.var.deps, c.req.valid('json')), 201))
  .openapi(loginRoute, async (c) => c.json(await auth.login(c.var.deps, c.req.valid('json')), 200))
  .openapi(changePasswordRoute, async (c) => c.json(await auth.changePassword(c.var.deps, c.var.user.id, c.req.valid('json')), 200))
  .openapi(logoutAllRoute, async (c) => {
    await auth.logoutEverywhere(c.var.deps, c.var.user.id)
    return c.body(null, 204)
  })
  .openapi(meRoute, async (c) => c.json(await auth.me(c.var.deps, c.var.user.id), 200))
