import { createRoute } from '@hono/zod-openapi'
import type { AuthUser } from '../context'
import { optionalAuth, requireAuth } from '../http/auth'
import { bearer, json, jsonBody, optionalBearer, problems, publicRoute } from '../http/responses'
import { NoQuery } from '../http/text'
import { newRouter } from '../http/validation'
import { MerchantIdParams } from '../merchants/merchants.schemas'
import { listInterestGroup } from './interest-group'
import { recommend } from './recommend'
import {
  HiddenSchema, InterestGroupPageSchema, InterestsBodySchema, InterestsSchema, NearQuerySchema, PersonalisationPatchSchema, PersonalisationSchema,
  RecommendationPageSchema, RecommendationsQuerySchema, TagParams, ViewBodySchema, ViewResultSchema, VocabularySchema,
} from './recommendations.schemas'
import { clearHistory, getInterests, putInterests, recordView, setHidden, setPersonalisation } from './settings.service'
import { vocabulary } from './vocabulary'

const tags = ['For you']
const signedIn = { security: bearer, middleware: [requireAuth] }

const recommendations = createRoute({
  method: 'get', path: '/recommendations', tags, security: optionalBearer, middleware: [optionalAuth] as const,
  summary: 'Places near the point picked for you, each with the reasons why (signed out: popular and open nearby)',
  request: { query: RecommendationsQuerySchema },
  responses: { 200: json(RecommendationPageSchema, 'A page of one ranked list'), ...problems(400, 401, 422) },
})
const view = createRoute({
  method: 'post', path: '/events/view', tags, ...signedIn,
  summary: 'Count a view of a storefront page (once per user, storefront and UTC day)',
  request: { query: NoQuery, body: jsonBody(ViewBodySchema) },
  responses: { 200: json(ViewResultSchema, 'Counted, or already counted today'), ...problems(400, 401, 404, 422) },
})
const personalisation = createRoute({
  method: 'patch', path: '/me', tags, ...signedIn,
  summary: 'Turn history-based personalisation on or off',
  request: { query: NoQuery, body: jsonBody(PersonalisationPatchSchema) },
  responses: { 200: json(PersonalisationSchema, 'Your personalisation settings'), ...problems(400, 401, 422) },
})
const history = createRoute({
  method: 'delete', path: '/me/history', tags, ...signedIn,
  summary: 'Clear your history: views are deleted, earlier orders, reviews, follows and claims stop shaping recommendations',
  request: { query: NoQuery },
  responses: { 200: json(PersonalisationSchema, 'History cleared'), ...problems(401, 422) },
})
const getMine = createRoute({
  method: 'get', path: '/me/interests', tags, ...signedIn,
  summary: 'Your chosen interests and those inferred from your history', request: { query: NoQuery },
  responses: { 200: json(InterestsSchema, 'Chosen and inferred interests'), ...problems(401, 422) },
})
const putMine = createRoute({
  method: 'put', path: '/me/interests', tags, ...signedIn,
  summary: 'Replace your chosen interests (tags from GET /v1/interests)',
  request: { query: NoQuery, body: jsonBody(InterestsBodySchema) },
  responses: { 200: json(InterestsSchema, 'Chosen and inferred interests'), ...problems(400, 401, 422) },
})
const vocab = createRoute({
  method: 'get', path: '/interests', tags, security: publicRoute,
  summary: 'Every interest a consumer may choose: the categories, then storefront tags', request: { query: NoQuery },
  responses: { 200: json(VocabularySchema, 'The interest vocabulary'), ...problems(422) },
})
const group = createRoute({
  method: 'get', path: '/interests/{tag}/storefronts', tags, security: optionalBearer, middleware: [optionalAuth] as const,
  summary: 'Stores near the point that people with this interest go to most (signed in: minus those you reported)',
  request: { params: TagParams, query: NearQuerySchema },
  responses: { 200: json(InterestGroupPageSchema, 'A page of storefronts, most visited by the group first'), ...problems(400, 401, 404, 422) },
})
const hide = createRoute({
  method: 'put', path: '/me/hidden-storefronts/{id}', tags, ...signedIn,
  summary: '"Not interested": never recommend this storefront again (idempotent)', request: { params: MerchantIdParams, query: NoQuery },
  responses: { 200: json(HiddenSchema, 'Hidden'), ...problems(401, 404, 422) },
})
const unhide = createRoute({
  method: 'delete', path: '/me/hidden-storefronts/{id}', tags, ...signedIn,
  summary: 'Recommend this storefront again (idempotent)', request: { params: MerchantIdParams, query: NoQuery },
  responses: { 200: json(HiddenSchema, 'Shown again'), ...problems(401, 404, 422) },
})

/** "For you": recommendations, the signals behind them and the interests that steer them. */
export const recommendationsRoutes = newRouter()
  .openapi(recommendations, async (c) => c.json(await recommend(c.var.deps, c.get('user') as AuthUser | undefined, c.req.valid('query')), 200))
  .openapi(view, async (c) => c.json(await recordView(c.var.deps, c.var.user, c.req.valid('json').merchant_id), 200))
  .openapi(personalisation, async (c) => c.json(await setPersonalisation(c.var.deps, c.var.user, c.req.valid('json').personalisation), 200))
  .openapi(history, async (c) => c.json(await clearHistory(c.var.deps, c.var.user), 200))
  .openapi(getMine, async (c) => c.json(await getInterests(c.var.deps, c.var.user), 200))
  .openapi(putMine, async (c) => c.json(await putInterests(c.var.deps, c.var.user, c.req.valid('json')), 200))
  .openapi(vocab, async (c) => c.json({ data: await vocabulary(c.var.deps.db) }, 200))
  .openapi(group, async (c) => c.json(await listInterestGroup(c.var.deps, c.get('user') as AuthUser | undefined, c.req.valid('param').tag, c.req.valid('query')), 200))
  .openapi(hide, async (c) => c.json(await setHidden(c.var.deps, c.var.user, c.req.valid('param').id, true), 200))
  .openapi(unhide, async (c) => c.json(await setHidden(c.var.deps, c.var.user, c.req.valid('param').id, false), 200))
