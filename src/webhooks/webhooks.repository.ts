import type { Executor } from '../db/database'

/**
 * Records a Stripe event as processed (with a review reason and its payload when it did not fit);
 * false when it already was (a duplicate delivery waits for the first to commit).
 */
export async function recordEvent(
  db: Executor,
  eventId: string,
  type: string,
  review?: { reason: string; payload: unknown },
): Promise<boolean> {
  const row = await db
    .insertInto('stripe_events')
    .values({ event_id: eventId, type, review_reason: review?.reason ?? null, payload: review ? JSON.stringify(review.payload) : null })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst()
  return row !== undefined
}

/** Marks an already recorded event for review, keeping its payload. */
export async function markEventForReview(db: Executor, eventId: string, reason: string, payload: unknown): Promise<void> {
  await db.updateTable('stripe_events').set({ review_reason: reason, payload: JSON.stringify(payload) }).where('event_id', '=', eventId).execute()
}

/** Copies a connected account's payout state onto its storefront. */
export async function updatePayoutState(
  db: Executor,
  accountId: string,
  state: { charges_enabled: boolean; payouts_enabled: boolean; details_submitted: boolean },
): Promise<void> {
  await db.updateTable('merchants').set(state).where('stripe_account_id', '=', accountId).execute()
}
