import { createRoute } from '@hono/zod-openapi'
import { requireAuth } from '../http/auth'
import { bearer, json, jsonBody, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { LoginSchema, RegisterSchema, SessionSchema, UserSchema } from './auth.schemas'
import * as auth from './auth.service'
import { NoQuery } from '../http/text'

const registerRoute = createRoute({
  method: 'post',
  path: '/auth/register',
  tags: ['Accounts'],
  summary: 'Create a consumer or merchant account',
  request: { query: NoQuery, body: jsonBody(RegisterSchema) },
  responses: { 201: json(SessionSchema, 'Account created and signed in'), ...problems(400, 409, 422) },
})

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['Accounts'],
  summary: 'Sign in with email and password',
  request: { query: NoQuery, body: jsonBody(LoginSchema) },
  responses: { 200: json(SessionSchema, 'Signed in'), ...problems(400, 401, 422) },
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

/** Accounts: register, sign in, who am I. */
export const authRoutes = newRouter()
  .openapi(registerRoute, async (c) => c.json(await auth.register(c.var.deps, c.req.valid('json')), 201))
  .openapi(loginRoute, async (c) => c.json(await auth.login(c.var.deps, c.req.valid('json')), 200))
  .openapi(meRoute, async (c) => c.json(await auth.me(c.var.deps, c.var.user.id), 200))
