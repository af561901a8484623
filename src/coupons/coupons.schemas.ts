import { z } from '@hono/zod-openapi'
import { currencyInput, currencyOutput, minorUnits, minorUnitsInput } from '../money'
import { singleLine } from '../http/text'
import { COUPON_KINDS, COUPON_STATUSES } from './coupon.table'

const minor = (what: string) => minorUnitsInput(what, 1)
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset, e.g. 2026-12-01T00:00:00+08:00' })

/** Body of POST /v1/merchants/:id/coupons. */
export const CreateCouponSchema = z
  .strictObject({
    title: singleLine().trim().min(1, 'is required').max(120),
    kind: z.enum(COUPON_KINDS),
    amount_off_cents: minor('amount_off: minor units taken off').optional(),
    percent_off: z.number().int('must be a whole percentage').min(1, 'must be at least 1').max(90, 'must be at most 90').optional(),
    max_discount_cents: minor('percent_off: the most it takes off').optional(),
    min_spend_cents: minorUnitsInput('The order subtotal needed to use it').default(0),
    currency: currencyInput("The storefront's currency; may be left out (it is inherited). Any other currency is refused with 422").optional(),
    starts_at: instant,
    ends_at: instant,
    total_quantity: z.number().int().min(1).max(1_000_000),
    per_user_limit: z.number().int().min(1).max(100).default(1),
    new_customers_only: z.boolean().default(false),
    offering_ids: z.array(z.uuid('must be an offering id')).max(100).default([]).openapi({ description: 'Empty: every offering' }),
  })
  .superRefine((c, ctx) => {
    const need = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message })
    if (c.kind === 'amount_off') {
      if (c.amount_off_cents === undefined) need('amount_off_cents', 'is required for amount_off')
      if (c.percent_off !== undefined) need('percent_off', 'only for percent_off')
      if (c.max_discount_cents !== undefined) need('max_discount_cents', 'only for percent_off')
    } else {
      if (c.percent_off === undefined) need('percent_off', 'is required for percent_off')
      if (c.amount_off_cents !== undefined) need('amount_off_cents', 'only for amount_off')
    }
    if (Date.parse(c.ends_at) <= Date.parse(c.starts_at)) need('ends_at', 'must be after starts_at')
  })
  .openapi('CreateCouponRequest')

/** Body of PATCH /v1/coupons/:id: only what does not change the value of coupons already claimed. */
export const UpdateCouponSchema = z
  .strictObject({
    title: singleLine().trim().min(1, 'is required').max(120),
    ends_at: instant.openapi({ description: 'May only move later' }),
    total_quantity: z.number().int().min(1).max(1_000_000).openapi({ description: 'Not below claimed_count' }),
    per_user_limit: z.number().int().min(1).max(100).openapi({ description: 'May only grow' }),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'send at least one field to change')
  .openapi('UpdateCouponRequest')

export const CouponSchema = z
  .object({
    id: z.uuid(),
    merchant_id: z.uuid(),
    title: z.string(),
    kind: z.enum(COUPON_KINDS),
    amount_off_cents: minorUnits('amount_off: taken off the subtotal').nullable(),
    percent_off: z.number().int().nullable(),
    max_discount_cents: minorUnits('percent_off: the most it takes off').nullable(),
    min_spend_cents: minorUnits('The order subtotal needed to use it'),
    currency: currencyOutput("The storefront's currency"),
    starts_at: z.string(),
    ends_at: z.string(),
    total_quantity: z.number().int(),
    claimed_count: z.number().int(),
    remaining: z.number().int(),
    per_user_limit: z.number().int(),
    new_customers_only: z.boolean(),
    offering_ids: z.array(z.uuid()),
    status: z.enum(COUPON_STATUSES),
    stats: z
      .object({ claimed: z.number().int(), used: z.number().int(), discount_given_cents: minorUnits('Discounts given'), revenue_cents: minorUnits('What those orders paid') })
      .optional()
      .openapi({ description: 'Owner only: orders that used it (not cancelled or refunded), their discounts and what they paid' }),
  })
  .openapi('Coupon')

export const CouponListSchema = z.object({ data: z.array(CouponSchema), next_cursor: z.string().nullable() }).openapi('CouponList')

export const WalletCouponSchema = z
  .object({
    claim_id: z.uuid(),
    status: z.enum(['available', 'used', 'expired']),
    claimed_at: z.string(),
    used_order_id: z.uuid().nullable(),
    used_at: z.string().nullable(),
    coupon: CouponSchema,
  })
  .openapi('WalletCoupon')

export const WalletPageSchema = z.object({ data: z.array(WalletCouponSchema), next_cursor: z.string().nullable() }).openapi('WalletPage')

export const WalletQuerySchema = z.strictObject({
  status: z.enum(['available', 'used', 'expired']).optional(),
  merchant_id: z.uuid('must be a storefront id').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: singleLine().max(2048).optional(),
})

/** `:id` path parameter; malformed ids answer 404 like unknown ones. */
export const IdParams = z.strictObject({
  id: singleLine().openapi({ param: { name: 'id', in: 'path' }, example: '5b6f0c1e-8a55-4f1e-9a43-2f7c9d1e0b11' }),
})

export type CreateCouponInput = z.output<typeof CreateCouponSchema>
export type UpdateCouponInput = z.output<typeof UpdateCouponSchema>
export type Coupon = z.output<typeof CouponSchema>
export type WalletCoupon = z.output<typeof WalletCouponSchema>
