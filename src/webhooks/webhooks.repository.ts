import type { Executor } from '../db/database'

/** Records a Stripe event as processed; false when it already was (a duplicate delivery waits for the first to commit). */
export async function recordEvent(db: Executor, eventId: string, type: string): Promise<boolean> {
  const row = await db
    .insertInto('stripe_events')
    .values({ event_id: eventId, type })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst()
  return row !== undefined
}

/** Copies a connected account's payout state onto its storefront. */
export async function updatePayoutState(
  db: Executor,
  accountId: string,
  state: { charges_enabled: boolean; payouts_enabled: boolean; details_submitted: boolean },
): Promise<void> {
  await db.updateTable('merchants').set(state).where('stripe_account_id', '=', accountId).execute()
}
