import { createRoute } from '@hono/zod-openapi'
import { optionalAuth, requireAuth, requireRole } from '../http/auth'
import { bearer, json, jsonBody, problems } from '../http/responses'
import { NoQuery } from '../http/text'
import { pageQuery } from '../http/keyset-page'
import { newRouter } from '../http/validation'
import { claimCoupon } from './claim-coupon'
import { CouponListSchema, CouponSchema, CreateCouponSchema, IdParams, UpdateCouponSchema, WalletCouponSchema, WalletPageSchema, WalletQuerySchema } from './coupons.schemas'
import { createCoupon, listCoupons, moveCoupon, updateCoupon } from './manage-coupons'
import { listWallet } from './wallet'

const tags = ['Coupons']

const createDef = createRoute({
  method: 'post',
  path: '/merchants/{id}/coupons',
  tags,
  summary: 'Start a coupon campaign on a storefront you own',
  security: bearer,
  middleware: [requireAuth, requireRole('merchant')] as const,
  request: { query: NoQuery, params: IdParams, body: jsonBody(CreateCouponSchema) },
  responses: { 201: json(CouponSchema, 'The new campaign'), ...problems(400, 401, 403, 404, 422) },
})

const listDef = createRoute({
  method: 'get',
  path: '/merchants/{id}/coupons',
  tags,
  summary: "A storefront's coupons: live ones for everyone, all with their numbers for the owner",
  middleware: [optionalAuth] as const,
  request: { query: pageQuery(50), params: IdParams },
  responses: { 200: json(CouponListSchema, 'Campaigns, newest first'), ...problems(401, 404, 422) },
})

const patchDef = createRoute({
  method: 'patch',
  path: '/coupons/{id}',
  tags,
  summary: "Edit a campaign (title, a later end, more quantity, a higher per-user limit); never a claimed coupon's value",
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: NoQuery, params: IdParams, body: jsonBody(UpdateCouponSchema) },
  responses: { 200: json(CouponSchema, 'The campaign'), ...problems(400, 401, 403, 404, 409, 422) },
})

const moveDef = (move: 'pause' | 'resume' | 'end', summary: string) =>
  createRoute({
    method: 'post',
    path: `/coupons/{id}/${move}`,
    tags,
    summary,
    security: bearer,
    middleware: [requireAuth] as const,
    request: { query: NoQuery, params: IdParams },
    responses: { 200: json(CouponSchema, 'The campaign'), ...problems(401, 403, 404, 409) },
  })

const claimDef = createRoute({
  method: 'post',
  path: '/coupons/{id}/claim',
  tags,
  summary: 'Claim a coupon into your wallet (409 sold_out, limit_reached or coupon_not_claimable)',
  security: bearer,
  middleware: [requireAuth, requireRole('consumer')] as const,
  request: { query: NoQuery, params: IdParams },
  responses: { 201: json(WalletCouponSchema, 'In your wallet'), ...problems(401, 403, 404, 409) },
})

const walletDef = createRoute({
  method: 'get',
  path: '/me/coupons',
  tags,
  summary: 'Your claimed coupons, newest first',
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: WalletQuerySchema },
  responses: { 200: json(WalletPageSchema, 'A page of your wallet'), ...problems(400, 401, 422) },
})

/** Coupons: campaigns, claims and the wallet. */
export const couponsRoutes = newRouter()
  .openapi(createDef, async (c) => c.json(await createCoupon(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(listDef, async (c) => c.json(await listCoupons(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('query')), 200))
  .openapi(patchDef, async (c) => c.json(await updateCoupon(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(moveDef('pause', 'Pause a campaign: no new claims'), async (c) => c.json(await moveCoupon(c.var.deps, c.var.user, c.req.valid('param').id, 'pause'), 200))
  .openapi(moveDef('resume', 'Resume a paused campaign'), async (c) => c.json(await moveCoupon(c.var.deps, c.var.user, c.req.valid('param').id, 'resume'), 200))
  .openapi(moveDef('end', 'End a campaign early; unused wallet coupons of it expire'), async (c) =>
    c.json(await moveCoupon(c.var.deps, c.var.user, c.req.valid('param').id, 'end'), 200),
  )
  .openapi(claimDef, async (c) => c.json(await claimCoupon(c.var.deps, c.var.user, c.req.valid('param').id), 201))
  .openapi(walletDef, async (c) => c.json(await listWallet(c.var.deps, c.var.user, c.req.valid('query')), 200))
