import type { Executor } from '../db/database'

// jsonb refuses \u0000 and lone UTF-16 surrogates, both of which JSON.stringify may write for a
// hostile (but correctly signed) payload; keep the rest of the evidence and mark where they were.
const UNSTORABLE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(0000|d[89a-f][0-9a-f]{2})/gi

/** A payload as JSON text Postgres's jsonb accepts: NULs and lone surrogates become U+FFFD. */
export function storablePayload(payload: unknown): string {
  return (JSON.stringify(payload) ?? 'null').replace(UNSTORABLE_ESCAPE, (_m, slashes: string) => `${slashes}\\ufffd`)
}

/** Text Postgres accepts (no NUL characters). */
function storableText(text: string): string {
  return text.replaceAll('\u0000', '\ufffd')
}

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
    .values({
      event_id: storableText(eventId),
      type: storableText(type),
      review_reason: review?.reason ?? null,
      payload: review ? storablePayload(review.payload) : null,
    })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst()
  return row !== undefined
}

/** Marks an already recorded event for review, keeping its payload. */
export async function markEventForReview(db: Executor, eventId: string, reason: string, payload: unknown): Promise<void> {
  await db.updateTable('stripe_events').set({ review_reason: reason, payload: storablePayload(payload) }).where('event_id', '=', eventId).execute()
}

/** Copies a connected account's payout state onto its storefront. */
export async function updatePayoutState(
  db: Executor,
  accountId: string,
  state: { charges_enabled: boolean; payouts_enabled: boolean; details_submitted: boolean },
): Promise<void> {
  await db.updateTable('merchants').set(state).where('stripe_account_id', '=', accountId).execute()
}
