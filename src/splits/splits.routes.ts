import { createRoute } from '@hono/zod-openapi'
import type { AuthUser } from '../context'
import { optionalAuth, requireAuth } from '../http/auth'
import { bearer, json, problems } from '../http/responses'
import { NoQuery } from '../http/text'
import { newRouter } from '../http/validation'
import { OrderIdParamsSchema } from '../orders/orders.schemas'
import { payAtCounter } from './counter-shares'
import { claimShare, payShare } from './share-actions'
import { inviteView, orderSharesView } from './split-views'
import { InviteTokenParamsSchema, OrderSharesSchema, ShareAtCounterSchema, ShareParamsSchema, SharePaymentSchema, SplitInviteSchema } from './splits.schemas'

const inviteRoute = createRoute({
  method: 'get',
  path: '/split-invites/{token}',
  tags: ['Split payments'],
  summary: 'What an invite link shows: storefront, items, this share, progress, payers by display name',
  middleware: [optionalAuth] as const,
  request: { query: NoQuery, params: InviteTokenParamsSchema },
  responses: { 200: json(SplitInviteSchema, 'The invite'), ...problems(401, 404, 422) },
})

const claimRoute = createRoute({
  method: 'post',
  path: '/split-invites/{token}/claim',
  tags: ['Split payments'],
  summary: 'Take the share behind an invite link (one share per person per order)',
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: NoQuery, params: InviteTokenParamsSchema },
  responses: { 200: json(SplitInviteSchema, 'The share is yours'), ...problems(401, 404, 409, 422) },
})

const sharesRoute = createRoute({
  method: 'get',
  path: '/orders/{id}/shares',
  tags: ['Split payments'],
  summary: "The organiser's view of a split order: shares, invite tokens, progress, deadline",
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: NoQuery, params: OrderIdParamsSchema },
  responses: { 200: json(OrderSharesSchema, 'The shares'), ...problems(401, 404, 422) },
})

const payRoute = createRoute({
  method: 'post',
  path: '/orders/{id}/shares/{shareId}/pay',
  tags: ['Split payments'],
  summary: 'Authorise your share by card (captured when every share is in)',
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: NoQuery, params: ShareParamsSchema },
  responses: { 200: json(SharePaymentSchema, 'The PaymentIntent for this share'), ...problems(401, 404, 409, 422, 502) },
})

const counterRoute = createRoute({
  method: 'post',
  path: '/orders/{id}/shares/{shareId}/pay-at-counter',
  tags: ['Split payments'],
  summary: 'Pay your share in cash at the counter; the merchant collects it when redeeming the code',
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: NoQuery, params: ShareParamsSchema },
  responses: { 200: json(ShareAtCounterSchema, 'The share will be paid at the counter'), ...problems(401, 404, 409, 422) },
})

/** Split payments: invite links, claiming and paying shares. */
export const splitsRoutes = newRouter()
  .openapi(inviteRoute, async (c) => c.json(await inviteView(c.var.deps, c.req.valid('param').token, c.var.user as AuthUser | undefined), 200))
  .openapi(claimRoute, async (c) => {
    const { token } = c.req.valid('param')
    await claimShare(c.var.deps, c.var.user, token)
    return c.json(await inviteView(c.var.deps, token, c.var.user), 200)
  })
  .openapi(sharesRoute, async (c) => c.json(await orderSharesView(c.var.deps, c.var.user, c.req.valid('param').id), 200))
  .openapi(payRoute, async (c) => {
    const { id, shareId } = c.req.valid('param')
    return c.json(await payShare(c.var.deps, c.var.user, id, shareId), 200)
  })
  .openapi(counterRoute, async (c) => {
    const { id, shareId } = c.req.valid('param')
    return c.json(await payAtCounter(c.var.deps, c.var.user, id, shareId), 200)
  })
