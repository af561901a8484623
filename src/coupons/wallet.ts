import type { AppDeps, AuthUser } from '../context'
import type { CouponRow } from './coupon.table'
import { toCoupon } from './coupon-view'
import type { WalletCoupon } from './coupons.schemas'
import * as coupons from './coupons.repository'

interface PageCursor {
  c: string
  i: string
}

/** The caller's claimed coupons, newest claim first, keyset-paged; expired = unused and the campaign over. */
export async function listWallet(
  deps: AppDeps,
  user: AuthUser,
  query: { status?: 'available' | 'used' | 'expired'; merchant_id?: string; limit: number; cursor?: string },
): Promise<{ data: WalletCoupon[]; next_cursor: string | null }> {
  const after = query.cursor ? await deps.cursors.decode<PageCursor>(query.cursor) : undefined
  const now = deps.now()
  const rows = await coupons.listWallet(deps.db, {
    userId: user.id,
    status: query.status,
    merchantId: query.merchant_id,
    now,
    after: after ? { claimedAt: new Date(after.c), id: after.i } : undefined,
    limit: query.limit + 1,
  })
  const page = rows.slice(0, query.limit)
  const last = page[page.length - 1]
  const next_cursor = rows.length > query.limit && last ? await deps.cursors.encode({ c: new Date(last.claimed_at).toISOString(), i: last.claim_id }) : null
  const data = page.map((r): WalletCoupon => {
    const { claim_id, claim_status, claimed_at, used_order_id, used_at, ...coupon } = r
    const over = coupon.status === 'ended' || new Date(coupon.ends_at) <= now
    return {
      claim_id,
      status: claim_status === 'used' ? 'used' : over ? 'expired' : 'available',
      claimed_at: new Date(claimed_at).toISOString(),
      used_order_id,
      used_at: used_at ? new Date(used_at).toISOString() : null,
      coupon: toCoupon(coupon as CouponRow),
    }
  })
  return { data, next_cursor }
}
