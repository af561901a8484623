import { z } from '@hono/zod-openapi'
import { currencyOutput, minorUnits } from '../money'
import { singleLine } from '../http/text'

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'payment_failed',
  'confirmed',
  'completed',
  'cancelled',
  'refund_pending',
  'refunded',
  'awaiting_shares',
  'expired',
] as const

export const CreateOrderSchema = z
  .strictObject({
    merchant_id: z.uuid('must be a storefront id'),
    items: z
      .array(
        z.strictObject({
          offering_id: z.uuid('must be an offering id'),
          quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(99, 'must be at most 99'),
          slot_start: z.iso
            .datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset, e.g. 2026-11-24T10:00:00+08:00' })
            .optional()
            .openapi({ description: 'Start of the booked slot; required for services, not allowed otherwise' }),
        }),
      )
      .min(1, 'must have at least one item')
      .max(20, 'must have at most 20 items'),
    payment_method: z.enum(['stripe', 'cash']),
    split: z
      .union([
        z.strictObject({ shares: z.number().int('must be a whole number').min(2, 'must be at least 2').max(20, 'must be at most 20') }),
        z.strictObject({
          amounts_cents: z
            .array(z.number().int('must be a whole number of minor units').min(1, 'must be at least 1'))
            .min(2, 'must have at least 2 shares')
            .max(20, 'must have at most 20 shares'),
        }),
      ])
      .optional()
      .openapi({ description: 'Pay together: equal shares, or custom amounts adding up to the total (card only); see README "Split payments"' }),
    coupon_id: z.uuid('must be a coupon id').optional().openapi({ description: 'A coupon in your wallet (GET /v1/me/coupons); the server computes the discount' }),
  })
  .openapi('CreateOrderRequest')

export type CreateOrderInput = z.infer<typeof CreateOrderSchema>

export const IdempotencyHeadersSchema = z.object({
  'idempotency-key': singleLine({ error: 'header is required: send a unique Idempotency-Key per order' })
    .trim()
    .min(1, 'header is required: send a unique Idempotency-Key per order')
    .max(255, 'must be at most 255 characters')
    .openapi({ description: 'Idempotency-Key: one per order attempt; reuse it when retrying', example: 'a3c1f0e2-order-1' }),
})

export const OrderSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(ORDER_STATUSES),
    merchant_id: z.uuid(),
    consumer_id: z.uuid(),
    customer: z.object({ display_name: z.string() }).openapi({ description: "The customer's display name (never their email), e.g. for the merchant's incoming orders" }),
    items: z.array(
      z.object({
        offering_id: z.uuid(),
        name: z.string(),
        kind: z.string(),
        unit_price_cents: minorUnits('Price of one, in the order currency'),
        quantity: z.number().int(),
        slot_start: z.string().nullable().openapi({ format: 'date-time', description: "Booked slot start, in the shop's UTC offset" }),
      }),
    ),
    subtotal_cents: minorUnits('What the items cost'),
    discount_cents: minorUnits("The coupon's discount; total_cents = subtotal_cents - discount_cents"),
    coupon_claim_id: z.uuid().nullable().openapi({ description: 'The wallet coupon used (GET /v1/me/coupons)' }),
    platform_fee_cents: minorUnits("The platform's commission on total_cents (PLATFORM_FEE_BPS, rounded half up to the currency's charge step)"),
    total_cents: minorUnits('What is charged'),
    refunded_cents: minorUnits('Refunded so far; less than total_cents after a partial refund'),
    currency: currencyOutput("The storefront's currency when the order was placed"),
    payment: z.object({
      provider: z.enum(['stripe', 'cash']),
      payment_intent_id: z.string().nullable(),
      client_secret: z.string().nullable().openapi({ description: 'For Stripe.js; shown to the consumer only' }),
    }),
    redemption_code: z.string().nullable().openapi({ description: 'XXXXX-XXXXX once paid or confirmed; shown to the consumer only' }),
    needs_review: z.boolean(),
    can_review: z.boolean().openapi({ description: 'Whether the viewer (its consumer) may review it now: completed and not yet reviewed' }),
    review_id: z.uuid().nullable().openapi({ description: "The order's review, once written" }),
    created_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Order')

export const OrderIdParamsSchema = z.strictObject({ id: z.uuid('must be an order id') })

export const ListOrdersQuerySchema = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: singleLine().max(2048).optional(),
})

export const OrderListSchema = z.object({ data: z.array(OrderSchema), next_cursor: z.string().nullable() }).openapi('OrderList')
