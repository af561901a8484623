import type { SlotRequest } from '../bookings/reserve-slots'
import { withinOpeningHours } from '../bookings/local-time'
import { onSlotGrid } from '../bookings/slot-grid'
import type { Executor } from '../db/database'
import { type FieldError, ValidationError } from '../errors'
import { MAX_AMOUNT_MINOR_UNITS, type Money, money, sum, times } from '../money'
import { type MerchantRow, loadStorefront } from '../merchants'
import type { CreateOrderInput } from './orders.schemas'
import * as orders from './orders.repository'

/** How far ahead a slot may be booked. */
export const MAX_BOOKING_AHEAD_DAYS = 365

export interface PricedLine {
  offering_id: string
  name: string
  kind: string
  unit_price_cents: number
  quantity: number
  slot_start: Date | null
  slot_end: Date | null
}

export interface PricedOrder {
  storefront: MerchantRow
  lines: PricedLine[]
  slots: SlotRequest[]
  /** What the items cost, in the storefront's currency. */
  subtotal: Money
}

/**
 * Prices an order from the database (never from the client) and checks every rule a person can
 * fix: the storefront takes orders, each offering is its own and available, slots only for
 * services and inside opening hours. Everything is in the storefront's currency (the database
 * keeps offerings on sale in it). Throws one ValidationError naming every bad field.
 */
export async function priceOrder(db: Executor, input: CreateOrderInput, now: Date): Promise<PricedOrder> {
  const storefront = await loadStorefront(db, input.merchant_id)
  if (!storefront || storefront.status !== 'active') {
    throw new ValidationError('this storefront is not taking orders', [{ path: 'merchant_id', message: 'is not an active storefront' }], 'storefront_unavailable')
  }
  const offerings = new Map((await orders.findOfferings(db, [...new Set(input.items.map((i) => i.offering_id))])).map((o) => [o.id, o]))
  const errors: FieldError[] = []
  const lines: PricedLine[] = []
  const slots: SlotRequest[] = []
  input.items.forEach((item, i) => {
    const at = (field: string, message: string) => errors.push({ path: `items[${i}].${field}`, message })
    const offering = offerings.get(item.offering_id)
    if (!offering || offering.merchant_id !== storefront.id) return at('offering_id', 'is not an offering of this storefront')
    if (!offering.active) return at('offering_id', 'is not available right now')
    if (offering.currency !== storefront.currency) return at('offering_id', `is priced in ${offering.currency}, not the storefront's ${storefront.currency}`)
    let slot_start: Date | null = null
    let slot_end: Date | null = null
    if (offering.kind === 'service' && offering.duration_min) {
      if (!item.slot_start) return at('slot_start', 'is required to book a service')
      slot_start = new Date(item.slot_start)
      slot_end = new Date(slot_start.getTime() + offering.duration_min * 60_000)
      if (slot_start.getTime() < now.getTime()) return at('slot_start', 'is in the past')
      const latest = new Date(now.getTime() + MAX_BOOKING_AHEAD_DAYS * 86_400_000)
      if (slot_start.getTime() > latest.getTime()) {
        return at('slot_start', `must be within ${MAX_BOOKING_AHEAD_DAYS} days from now (at the latest ${latest.toISOString()})`)
      }
      if (!withinOpeningHours(storefront.hours, storefront.timezone, slot_start, slot_end)) {
        return at('slot_start', `is outside the storefront's opening hours (${storefront.timezone})`)
      }
      if (!onSlotGrid(storefront.hours, storefront.timezone, slot_start, offering.duration_min)) {
        return at('slot_start', `is not a slot start: slots run every ${offering.duration_min} minutes from opening time; pick one from GET /v1/merchants/{id}/availability`)
      }
      slots.push({ offeringId: offering.id, capacity: offering.capacity, start: slot_start, end: slot_end, places: item.quantity })
    } else if (item.slot_start) {
      return at('slot_start', 'only services take a slot')
    }
    lines.push({
      offering_id: offering.id,
      name: offering.name,
      kind: offering.kind,
      unit_price_cents: offering.price_cents,
      quantity: item.quantity,
      slot_start,
      slot_end,
    })
  })
  const subtotal = sum(storefront.currency, lines.map((l) => times(money(Number(l.unit_price_cents), storefront.currency), l.quantity)))
  if (errors.length === 0 && subtotal.amountMinor > MAX_AMOUNT_MINOR_UNITS) {
    errors.push({ path: 'items', message: `add up to ${subtotal.amountMinor} minor units; one order may total at most ${MAX_AMOUNT_MINOR_UNITS}` })
  }
  if (errors.length > 0) {
    throw new ValidationError(`the order cannot be placed: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors)
  }
  return { storefront, lines, slots, subtotal }
}
