import type { AppDeps } from '../context'
import { NotFoundError, ValidationError } from '../errors'
import { minuteOfDay, shiftMinutes } from '../geo/hours'
import { loadStorefront } from '../merchants'
import * as orders from '../orders/orders.repository'
import * as bookings from './bookings.repository'
import { formatLocal, localDate, weekdayOf, zonedInstant } from './local-time'

export interface FreeSlot {
  start: string
  end: string
  remaining: number
}

function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10)
}

/**
 * Free slots of a service on one local date of its storefront: each opening shift stepped by
 * the service's duration, minus booked places, future slots only, with local UTC offsets.
 */
export async function availability(deps: AppDeps, merchantId: string, offeringId: string, date: string): Promise<FreeSlot[]> {
  const store = await loadStorefront(deps.db, merchantId)
  if (!store || store.status !== 'active') throw new NotFoundError('no such storefront', 'merchant_not_found')
  const [offering] = await orders.findOfferings(deps.db, [offeringId])
  if (!offering || offering.merchant_id !== merchantId || !offering.active) {
    throw new NotFoundError('no such offering at this storefront', 'offering_not_found')
  }
  if (offering.kind !== 'service' || !offering.duration_min) {
    throw new ValidationError('only services have bookable slots', [{ path: 'offering_id', message: 'is not a bookable service' }])
  }
  const duration = offering.duration_min
  const starts: Date[] = []
  // A shift that opened the evening before can run past midnight into `date`.
  for (const day of [previousDate(date), date]) {
    for (const shift of store.hours.filter((s) => s.day === weekdayOf(day))) {
      const open = minuteOfDay(shift.open)
      for (let m = open; m + duration <= open + shiftMinutes(shift); m += duration) starts.push(zonedInstant(day, m, store.timezone))
    }
  }
  const now = deps.now().getTime()
  const candidates = starts
    .filter((s) => localDate(s, store.timezone) === date && s.getTime() >= now)
    .sort((a, b) => a.getTime() - b.getTime())
  if (candidates.length === 0) return []
  const last = candidates[candidates.length - 1] as Date
  const taken = await bookings.activeBookings(deps.db, offeringId, candidates[0] as Date, new Date(last.getTime() + duration * 60_000))
  const slots: FreeSlot[] = []
  for (const start of candidates) {
    const end = new Date(start.getTime() + duration * 60_000)
    const used = taken.filter((b) => b.slot_start < end && b.slot_end > start).reduce((sum, b) => sum + b.places, 0)
    const remaining = offering.capacity - used
    if (remaining > 0) slots.push({ start: formatLocal(start, store.timezone), end: formatLocal(end, store.timezone), remaining })
  }
  return slots
}
