import type { Executor } from '../db/database'
import { ConflictError, ValidationError } from '../errors'
import * as deals from './deals.repository'

/**
 * Takes stock for every deal in the order, in offering-id order (so concurrent orders lock rows
 * in one order); past valid_until → 422 deal_expired, not enough left → 409 deal_sold_out.
 * Returns the deals stock was taken from: their lines record it (order_items.stock_taken).
 */
export async function reserveDealStock(trx: Executor, lines: { offering_id: string; quantity: number }[], now: Date): Promise<Set<string>> {
  const wanted = new Map<string, number>()
  for (const l of lines) wanted.set(l.offering_id, (wanted.get(l.offering_id) ?? 0) + l.quantity)
  const found = await deals.findDeals(trx, [...wanted.keys()])
  for (const deal of found.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (deal.valid_until && deal.valid_until <= now) {
      throw new ValidationError('this deal has expired', [{ path: 'items', message: `deal ${deal.id} was valid until ${deal.valid_until.toISOString()}` }], 'deal_expired')
    }
    if (!(await deals.takeStock(trx, deal.id, wanted.get(deal.id) ?? 0))) {
      throw new ConflictError('this deal is sold out (or fewer are left than you asked for)', 'deal_sold_out')
    }
  }
  return new Set(found.map((deal) => deal.id))
}

/** Returns the deal stock the order's lines took (once); runs when an order is cancelled or refunded. */
export async function returnDealStock(trx: Executor, orderId: string): Promise<void> {
  await deals.returnStock(trx, orderId)
}
