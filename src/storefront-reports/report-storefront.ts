import type { AppDeps, AuthUser } from '../context'
import { ConflictError, ForbiddenError } from '../errors'
import { findVisibleMerchant } from '../merchants'
import type { StorefrontReport, StorefrontReportInput } from './storefront-reports.schemas'
import * as reports from './storefront-reports.repository'

/**
 * Reports a storefront the user can see, once per user. Owners cannot report their own storefront:
 * 403, as for reviews — the request is well formed, this user may not make it. The storefront
 * leaves the reporter's recommendations and interest groups at once (signals.excludedStorefronts).
 */
export async function reportStorefront(deps: AppDeps, user: AuthUser, merchantId: string, input: StorefrontReportInput): Promise<StorefrontReport> {
  const store = await findVisibleMerchant(deps.db, user, merchantId)
  if (store.owner_id === user.id) throw new ForbiddenError('you cannot report your own storefront', 'own_storefront')
  const row = await reports.insertReport(deps.db, { merchant_id: store.id, user_id: user.id, reason: input.reason, note: input.note ?? null, created_at: deps.now() })
  if (!row) throw new ConflictError('you already reported this storefront', 'already_reported')
  return { ...row, created_at: new Date(row.created_at).toISOString() }
}
