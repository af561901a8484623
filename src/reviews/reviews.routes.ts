import { createRoute, z } from '@hono/zod-openapi'
import type { AuthUser } from '../context'
import { optionalAuth, requireAuth } from '../http/auth'
import { bearer, optionalBearer, json, jsonBody, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { MerchantIdParams } from '../merchants/merchants.schemas'
import { createReview } from './create-review'
import { deleteReview, editReview } from './edit-review'
import { setHelpful } from './helpful-votes'
import { listInbox, listMerchantReviews, listMyReviews } from './list-reviews'
import { deleteReply, putReply, reportReview, restoreReview } from './moderate-review'
import {
  CreateReviewSchema,
  HelpfulSchema,
  InboxPageSchema,
  ListReviewsQuery,
  PageQuery,
  ReplySchema,
  ReportSchema,
  ReviewIdParams,
  ReviewPageSchema,
  ReviewSchema,
  UpdateReviewSchema,
} from './reviews.schemas'

const tags = ['Reviews']
const noContent = { description: 'Done' }

const create = createRoute({
  method: 'post', path: '/orders/{id}/review', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Review a completed order (its consumer, once)',
  request: { params: ReviewIdParams, body: jsonBody(CreateReviewSchema) },
  responses: { 201: json(ReviewSchema, 'The review'), ...problems(401, 403, 404, 409, 422) },
})
const patch = createRoute({
  method: 'patch', path: '/reviews/{id}', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Edit your review (within 30 days)',
  request: { params: ReviewIdParams, body: jsonBody(UpdateReviewSchema) },
  responses: { 200: json(ReviewSchema, 'The edited review'), ...problems(401, 403, 404, 409, 422) },
})
const remove = createRoute({
  method: 'delete', path: '/reviews/{id}', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Delete your review', request: { params: ReviewIdParams },
  responses: { 204: noContent, ...problems(401, 403, 404) },
})
const list = createRoute({
  method: 'get', path: '/merchants/{id}/reviews', tags, security: optionalBearer, middleware: [optionalAuth] as const,
  summary: "A storefront's reviews, keyset-paged (hidden reviews left out)",
  request: { params: MerchantIdParams, query: ListReviewsQuery },
  responses: { 200: json(ReviewPageSchema, 'A page of reviews'), ...problems(400, 401, 404, 422) },
})
const inbox = createRoute({
  method: 'get', path: '/merchants/{id}/reviews/inbox', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: "The owner's review inbox: unanswered first, then newest; reports and hidden state shown",
  request: { params: MerchantIdParams, query: PageQuery },
  responses: { 200: json(InboxPageSchema, 'A page of reviews'), ...problems(400, 401, 403, 404, 422) },
})
const mine = createRoute({
  method: 'get', path: '/me/reviews', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Your reviews, newest first', request: { query: PageQuery },
  responses: { 200: json(ReviewPageSchema, 'A page of reviews'), ...problems(400, 401, 422) },
})
const helpfulOn = createRoute({
  method: 'put', path: '/reviews/{id}/helpful', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Mark a review helpful (once per user, not your own)', request: { params: ReviewIdParams },
  responses: { 200: json(HelpfulSchema, 'The helpful state'), ...problems(401, 403, 404) },
})
const helpfulOff = createRoute({
  method: 'delete', path: '/reviews/{id}/helpful', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Take back a helpful vote', request: { params: ReviewIdParams },
  responses: { 200: json(HelpfulSchema, 'The helpful state'), ...problems(401, 403, 404) },
})
const report = createRoute({
  method: 'post', path: '/reviews/{id}/reports', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Report a review (once per user); 3 reporters hide it until the owner restores it',
  request: { params: ReviewIdParams, body: jsonBody(ReportSchema) },
  responses: { 201: json(z.object({ review_id: z.uuid(), reason: z.string() }), 'Reported'), ...problems(401, 403, 404, 409, 422) },
})
const reply = createRoute({
  method: 'put', path: '/reviews/{id}/reply', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: "Write or edit the storefront owner's reply",
  request: { params: ReviewIdParams, body: jsonBody(ReplySchema) },
  responses: { 200: json(ReviewSchema, 'The review with its reply'), ...problems(401, 403, 404, 422) },
})
const unreply = createRoute({
  method: 'delete', path: '/reviews/{id}/reply', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: "Remove the owner's reply", request: { params: ReviewIdParams },
  responses: { 204: noContent, ...problems(401, 403, 404) },
})
const restore = createRoute({
  method: 'post', path: '/reviews/{id}/restore', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Show a review hidden by reports again (storefront owner)', request: { params: ReviewIdParams },
  responses: { 200: json(ReviewSchema, 'The restored review'), ...problems(401, 403, 404, 409) },
})

/** Reviews: write, edit, list, vote, report, reply, restore. */
export const reviewsRoutes = newRouter()
  .openapi(create, async (c) => c.json(await createReview(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(patch, async (c) => c.json(await editReview(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(remove, async (c) => {
    await deleteReview(c.var.deps, c.var.user, c.req.valid('param').id)
    return c.body(null, 204)
  })
  .openapi(inbox, async (c) => c.json(await listInbox(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('query')), 200))
  .openapi(list, async (c) => {
    const viewer = c.get('user') as AuthUser | undefined
    return c.json(await listMerchantReviews(c.var.deps, viewer, c.req.valid('param').id, c.req.valid('query')), 200)
  })
  .openapi(mine, async (c) => c.json(await listMyReviews(c.var.deps, c.var.user, c.req.valid('query')), 200))
  .openapi(helpfulOn, async (c) => c.json(await setHelpful(c.var.deps, c.var.user, c.req.valid('param').id, true), 200))
  .openapi(helpfulOff, async (c) => c.json(await setHelpful(c.var.deps, c.var.user, c.req.valid('param').id, false), 200))
  .openapi(report, async (c) => c.json(await reportReview(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json').reason), 201))
  .openapi(reply, async (c) => c.json(await putReply(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json').text), 200))
  .openapi(unreply, async (c) => {
    await deleteReply(c.var.deps, c.var.user, c.req.valid('param').id)
    return c.body(null, 204)
  })
  .openapi(restore, async (c) => c.json(await restoreReview(c.var.deps, c.var.user, c.req.valid('param').id), 200))
