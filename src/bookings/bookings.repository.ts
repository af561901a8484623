import { sql } from 'kysely'
import type { Executor } from '../db/database'

/** Locks offering rows (in id order, so two orders never deadlock) until the transaction ends. */
export async function lockOfferings(db: Executor, offeringIds: string[]): Promise<void> {
  if (offeringIds.length === 0) return
  await db.selectFrom('offerings').select('id').where('id', 'in', offeringIds).orderBy('id').forUpdate().execute()
}

/** Places taken by active bookings of the offering that overlap [start, end). */
export async function placesTaken(db: Executor, offeringId: string, start: Date, end: Date): Promise<number> {
  const row = await db
    .selectFrom('bookings')
    .select(sql<number>`coalesce(sum(places), 0)::int`.as('taken'))
    .where('offering_id', '=', offeringId)
    .where('active', '=', true)
    .where('slot_start', '<', end)
    .where('slot_end', '>', start)
    .executeTakeFirstOrThrow()
  return Number(row.taken)
}

export async function insertBooking(
  db: Executor,
  row: { order_id: string; offering_id: string; slot_start: Date; slot_end: Date; places: number },
): Promise<void> {
  await db.insertInto('bookings').values(row).execute()
}

/** Frees the slots an order held (it was cancelled or refunded). */
export async function releaseBookings(db: Executor, orderId: string): Promise<void> {
  await db.updateTable('bookings').set({ active: false }).where('order_id', '=', orderId).where('active', '=', true).execute()
}

/** Active bookings of the offering overlapping [from, to). */
export async function activeBookings(db: Executor, offeringId: string, from: Date, to: Date) {
  return db
    .selectFrom('bookings')
    .select(['slot_start', 'slot_end', 'places'])
    .where('offering_id', '=', offeringId)
    .where('active', '=', true)
    .where('slot_start', '<', to)
    .where('slot_end', '>', from)
    .execute()
}
