import { z } from '@hono/zod-openapi'
import { currencyOutput, minorUnits } from '../money'
import { ORDER_STATUSES } from '../orders/orders.schemas'
import { SHARE_STATUSES } from './split.table'

export const InviteTokenParamsSchema = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be an invite token from a split link'),
})

export const ShareParamsSchema = z.strictObject({ id: z.uuid('must be an order id'), shareId: z.uuid('must be a share id') })

const ProgressSchema = z.object({
  paid: z.number().int().openapi({ description: 'Shares authorised or paid by card, or collected at the counter' }),
  at_counter: z.number().int().openapi({ description: 'Shares to be paid in cash at the counter' }),
  total: z.number().int(),
  label: z.string().openapi({ example: '2 of 4', description: 'Shares in (paid or promised at the counter) of all shares' }),
})

export const SplitInviteSchema = z
  .object({
    order_id: z.uuid(),
    order_status: z.enum(ORDER_STATUSES),
    storefront: z.object({ id: z.uuid(), name: z.string() }),
    items: z.array(z.object({ name: z.string(), quantity: z.number().int(), unit_price_cents: minorUnits('Price of one') })),
    total_cents: minorUnits('The order total'),
    currency: currencyOutput("The order's currency"),
    deadline_at: z.string(),
    share: z.object({ id: z.uuid(), position: z.number().int(), amount_cents: minorUnits('This share'), status: z.enum(SHARE_STATUSES), yours: z.boolean() }),
    progress: ProgressSchema,
    payers: z
      .array(z.object({ position: z.number().int(), display_name: z.string().nullable(), status: z.enum(SHARE_STATUSES) }))
      .openapi({ description: 'Display names only: no emails or user ids' }),
  })
  .openapi('SplitInvite')

export const OrderSharesSchema = z
  .object({
    order_id: z.uuid(),
    order_status: z.enum(ORDER_STATUSES),
    deadline_at: z.string(),
    progress: ProgressSchema,
    shares: z.array(
      z.object({
        id: z.uuid(),
        position: z.number().int(),
        amount_cents: minorUnits('This share'),
        platform_fee_cents: minorUnits("This share's part of the platform fee"),
        status: z.enum(SHARE_STATUSES),
        payer_name: z.string().nullable(),
        invite_token: z.string().openapi({ description: 'Open the web app at /split/<token> to take this share' }),
      }),
    ),
  })
  .openapi('OrderShares')

export const SharePaymentSchema = z
  .object({
    share_id: z.uuid(),
    amount_cents: minorUnits('What this share authorises'),
    currency: currencyOutput("The order's currency"),
    payment_intent_id: z.string().nullable(),
    client_secret: z.string().nullable().openapi({ description: 'For Stripe.js; the card is authorised now and charged when every share is in' }),
  })
  .openapi('SharePayment')

export const ShareAtCounterSchema = z
  .object({
    share_id: z.uuid(),
    status: z.enum(SHARE_STATUSES),
    amount_cents: z.number().int(),
    currency: z.string(),
    order_status: z.enum(ORDER_STATUSES).openapi({ description: '"confirmed" once this was the last share outstanding' }),
  })
  .openapi('ShareAtCounter')
