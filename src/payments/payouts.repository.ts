import type { Executor } from '../db/database'

/** Stores the storefront's connected account unless one is already stored; returns the stored one. */
export async function setPayoutAccount(db: Executor, merchantId: string, accountId: string): Promise<string> {
  await db.updateTable('merchants').set({ stripe_account_id: accountId }).where('id', '=', merchantId).where('stripe_account_id', 'is', null).execute()
  const row = await db.selectFrom('merchants').select('stripe_account_id').where('id', '=', merchantId).executeTakeFirstOrThrow()
  return row.stripe_account_id ?? accountId
}
