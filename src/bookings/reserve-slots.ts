import type { Transaction } from 'kysely'
import type { Database } from '../db/database'
import { ConflictError } from '../errors'
import * as bookings from './bookings.repository'

export interface SlotRequest {
  offeringId: string
  capacity: number
  start: Date
  end: Date
  places: number
}

/**
 * Books each slot for the order inside its transaction. The offering rows stay locked until
 * commit, so simultaneous orders for the last place are serialized and exactly one gets it;
 * the others get ConflictError (409).
 */
export async function reserveSlots(trx: Transaction<Database>, orderId: string, slots: SlotRequest[]): Promise<void> {
  if (slots.length === 0) return
  await bookings.lockOfferings(trx, [...new Set(slots.map((s) => s.offeringId))])
  for (const slot of slots) {
    const taken = await bookings.placesTaken(trx, slot.offeringId, slot.start, slot.end)
    if (taken + slot.places > slot.capacity) {
      const left = Math.max(0, slot.capacity - taken)
      throw new ConflictError(`this slot has ${left} place(s) left; choose another time`, 'slot_full')
    }
    await bookings.insertBooking(trx, {
      order_id: orderId,
      offering_id: slot.offeringId,
      slot_start: slot.start,
      slot_end: slot.end,
      places: slot.places,
    })
  }
}
