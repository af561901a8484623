import type { AppDeps, AuthUser } from '../context'
import type { Executor } from '../db/database'
import { readHandle } from '../db/read-replicas'
import type { MerchantRow } from './merchant.table'
import * as merchants from './merchants.repository'
import { canView, findVisibleMerchant } from './merchants.service'

/** A storefront and the database handle the rest of the same read should use. */
export interface StorefrontRead {
  merchant: MerchantRow
  db: Executor
}

/**
 * Where a public storefront read (the storefront, its offerings, its reviews) runs, and the
 * storefront itself. Read-your-own-writes rule: a replica (DATABASE_READ_URL) answers anyone but
 * the storefront's signed-in owner, who is answered from the primary so an edit shows at once;
 * with `signedInToPrimary`, every signed-in caller is (their own review or vote must show).
 * A storefront the replica has not got yet (just created or published) is looked up on the
 * primary too, so replication lag never turns into a 404.
 */
export async function readStorefront(deps: AppDeps, viewer: AuthUser | undefined, id: string, options: { signedInToPrimary?: boolean } = {}): Promise<StorefrontRead> {
  const replica = readHandle(deps)
  if (replica !== deps.db && !(options.signedInToPrimary && viewer)) {
    const row = await merchants.findMerchantById(replica, id)
    if (row && row.owner_id !== viewer?.id && canView(row, viewer)) return { merchant: row, db: replica }
  }
  return { merchant: await findVisibleMerchant(deps.db, viewer, id), db: deps.db }
}
