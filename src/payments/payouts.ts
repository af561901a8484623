import type { AppDeps, AuthUser } from '../context'
import type { Executor } from '../db/database'
import { NotImplementedError } from '../errors'
import { findOwnedMerchant } from '../merchants'
import * as payouts from './payouts.repository'

export interface PayoutState {
  charges_enabled: boolean
  payouts_enabled: boolean
  details_submitted: boolean
}

// The one owner check (merchants/): 404 for a storefront the viewer cannot see, 403 for another's.
function ownedStorefront(db: Executor, viewer: AuthUser, merchantId: string) {
  return findOwnedMerchant(db, viewer, merchantId)
}

/**
 * The payout state of a storefront, as last reported by Stripe (account.updated).
 * A small function the storefront presenter can call too.
 */
export function payoutState(row: PayoutState): PayoutState {
  return { charges_enabled: row.charges_enabled, payouts_enabled: row.payouts_enabled, details_submitted: row.details_submitted }
}

/** The owner's view of a storefront's payout state; 404/403 for anyone else, as findOwnedMerchant decides. */
export async function getPayouts(deps: AppDeps, viewer: AuthUser, merchantId: string): Promise<PayoutState> {
  return payoutState(await ownedStorefront(deps.db, viewer, merchantId))
}

/**
 * Starts or resumes Stripe onboarding for the owner's storefront: creates its Express account
 * once (idempotent key per storefront, stored on first success), then a fresh Account Link.
 */
export async function startOnboarding(deps: AppDeps, viewer: AuthUser, merchantId: string): Promise<{ url: string }> {
  const store = await ownedStorefront(deps.db, viewer, merchantId)
  const stripe = deps.payments.stripe
  if (!stripe) throw new NotImplementedError('card payments are not configured on this server (set STRIPE_SECRET_KEY)', 'payments_not_configured')
  const accountId = store.stripe_account_id ?? (await payouts.setPayoutAccount(deps.db, merchantId, await stripe.createPayoutAccount(merchantId)))
  return { url: await stripe.createOnboardingLink(accountId) }
}
