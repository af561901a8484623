import type { AppDeps, AuthUser } from '../context'
import { reserveSlots } from '../bookings/reserve-slots'
import { applyCoupon, markCouponUsed } from '../coupons/apply-coupon'
import { withTransaction } from '../db/transaction'
import { reserveDealStock } from '../deals/deal-stock'
import { raiseMerchantOrder } from '../events/raise'
import { ConflictError, ValidationError } from '../errors'
import { money, platformFee, subtract } from '../money'
import { newRedemptionCode } from '../redemptions/redemption-code'
import type { OrderRow } from './order.table'
import { createSplit, checkSplitRequest } from '../splits/create-split'
import { priceOrder } from './order-lines'
import { type OrderView, presentOrders } from './order-view'
import type { CreateOrderInput } from './orders.schemas'
import * as orders from './orders.repository'
import { sha256Hex } from '../http/digest'

/** A stable fingerprint of what was asked for, to tell a retry from a different request. */
async function requestHash(input: CreateOrderInput): Promise<string> {
  const canonical = JSON.stringify([
    input.merchant_id,
    input.payment_method,
    input.items.map((i) => [i.offering_id, i.quantity, i.slot_start ? new Date(i.slot_start).toISOString() : null]),
    ...(input.split ? [input.split] : []),
    input.coupon_id ?? null,
  ])
  return sha256Hex(canonical)
}

/** Creates the order's PaymentIntent (idempotent per order) after the order row is committed. */
async function startCardPayment(deps: AppDeps, row: OrderRow): Promise<OrderRow> {
  const stripe = deps.payments.stripe
  if (!stripe) return row
  const start = await stripe.startPayment({
    orderId: row.id,
    amountCents: row.total_cents,
    currency: row.currency,
    platformFeeCents: row.platform_fee_cents,
    destinationAccountId: row.destination_account_id,
  })
  const updated = await orders.updateOrder(deps.db, row.id, { payment_intent_id: start.paymentIntentId, client_secret: start.clientSecret })
  return updated ?? row
}

/**
 * Places an order once per (consumer, Idempotency-Key): the key, the order, its items and its
 * bookings commit together; a retry with the same body gets the same order (`created: false`),
 * a different body under the same key a ConflictError. Card orders then get their PaymentIntent
 * outside the transaction; cash orders are confirmed with a redemption code at once.
 */
export async function createOrder(
  deps: AppDeps,
  consumer: AuthUser,
  idempotencyKey: string,
  input: CreateOrderInput,
): Promise<{ order: OrderView; created: boolean }> {
  if (input.payment_method === 'stripe' && !deps.payments.stripe) {
    throw new ValidationError(
      'card payments are not configured on this server; choose payment_method "cash" to pay in store',
      [{ path: 'payment_method', message: 'card payments are not configured' }],
      'card_payments_not_configured',
    )
  }
  if (input.split) checkSplitRequest(input.payment_method)
  const hash = await requestHash(input)
  let orderId: string = crypto.randomUUID()
  const placed = await withTransaction(deps.db, async (trx) => {
    const claim = { consumer_id: consumer.id, idempotency_key: idempotencyKey, request_hash: hash, order_id: orderId }
    if (!(await orders.claimRequestKey(trx, claim))) return false
    const now = deps.now()
    const priced = await priceOrder(trx, input, now)
    const cash = input.payment_method === 'cash'
    const store = priced.storefront
    const coupon = input.coupon_id
      ? await applyCoupon(trx, consumer, { couponId: input.coupon_id, merchantId: store.id, currency: store.currency, lines: priced.lines, now })
      : null
    // What is charged; the platform fee is taken on this, not on the undiscounted subtotal.
    const total = subtract(priced.subtotal, money(coupon?.discountCents ?? 0, store.currency))
    const totalCents = total.amountMinor
    if (!cash && totalCents === 0) {
      throw new ValidationError('the coupon covers the whole order; choose payment_method "cash" (nothing to charge by card)', [{ path: 'payment_method', message: 'nothing to charge by card' }], 'nothing_to_charge')
    }
    const status = cash ? 'confirmed' : input.split ? 'awaiting_shares' : 'pending_payment'
    await orders.insertOrder(trx, {
      id: orderId,
      consumer_id: consumer.id,
      merchant_id: store.id,
      status,
      payment_provider: input.payment_method,
      payment_intent_id: null,
      client_secret: null,
      destination_account_id: !cash && store.charges_enabled && store.stripe_account_id ? store.stripe_account_id : null,
      subtotal_cents: priced.subtotal.amountMinor,
      discount_cents: coupon?.discountCents ?? 0,
      coupon_claim_id: coupon?.claimId ?? null,
      platform_fee_cents: platformFee(total, deps.config.PLATFORM_FEE_BPS).amountMinor,
      total_cents: totalCents,
      currency: total.currency,
      redemption_code: cash ? newRedemptionCode() : null,
      refund_recorded_at: null,
      review_reason: null,
      created_at: now,
    })
    if (coupon) await markCouponUsed(trx, coupon, orderId, now)
    // Slots first: they lock the offering rows before the items' foreign keys share-lock them.
    await reserveSlots(trx, orderId, priced.slots)
    const deals = await reserveDealStock(trx, priced.lines, now)
    await orders.insertItems(trx, priced.lines.map((line, position) => ({ ...line, order_id: orderId, position, stock_taken: deals.has(line.offering_id) ? line.quantity : 0 })))
    await orders.insertOrderEvent(trx, { order_id: orderId, from_status: null, to_status: status, cause: 'order_placed' })
    await raiseMerchantOrder(trx, { id: orderId, merchant_id: store.id, status }, null)
    if (input.split) await createSplit(trx, deps, { orderId, organiserId: consumer.id, totalCents, currency: total.currency, split: input.split })
    return true
  })
  if (!placed) {
    const earlier = await orders.findRequest(deps.db, consumer.id, idempotencyKey)
    if (!earlier || earlier.request_hash !== hash) {
      throw new ConflictError('this Idempotency-Key was already used for a different order request', 'idempotency_key_reused')
    }
    orderId = earlier.order_id
  }
  let row = (await orders.findOrder(deps.db, orderId)) as OrderRow
  if (row.payment_provider === 'stripe' && row.status === 'pending_payment' && !row.payment_intent_id) {
    row = await startCardPayment(deps, row)
  }
  const [order] = await presentOrders(deps.db, [row], consumer)
  return { order: order as OrderView, created: placed }
}
