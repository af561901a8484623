import type { z } from '@hono/zod-openapi'
import type { AppDeps, AuthUser } from '../context'
import { NotFoundError } from '../errors'
import * as orders from '../orders/orders.repository'
import type { OrderSharesSchema, SplitInviteSchema } from './splits.schemas'
import * as splits from './splits.repository'

type Shares = Awaited<ReturnType<typeof splits.listShares>>

function progress(shares: Shares) {
  const paid = shares.filter((s) => s.status === 'authorised' || s.status === 'captured' || s.status === 'cash_collected').length
  const atCounter = shares.filter((s) => s.status === 'cash').length
  return { paid, at_counter: atCounter, total: shares.length, label: `${paid + atCounter} of ${shares.length}` }
}

/** What an invite link shows anyone holding it: the order, this share, and who has paid (display names only). */
export async function inviteView(deps: AppDeps, token: string, viewer: AuthUser | undefined): Promise<z.infer<typeof SplitInviteSchema>> {
  const share = await splits.findShareByToken(deps.db, token)
  if (!share) throw new NotFoundError('this invite link is not valid', 'invite_not_found')
  const [order, split, shares] = await Promise.all([orders.findOrder(deps.db, share.order_id), splits.findSplit(deps.db, share.order_id), splits.listShares(deps.db, share.order_id)])
  if (!order || !split) throw new NotFoundError('this invite link is not valid', 'invite_not_found')
  const [items, store] = await Promise.all([orders.findItems(deps.db, [order.id]), splits.findStorefrontName(deps.db, order.merchant_id)])
  return {
    order_id: order.id,
    order_status: order.status,
    storefront: { id: order.merchant_id, name: store?.name ?? '' },
    items: items.map((i) => ({ name: i.name, quantity: i.quantity, unit_price_cents: i.unit_price_cents })),
    total_cents: order.total_cents,
    currency: order.currency,
    deadline_at: split.deadline_at.toISOString(),
    share: { id: share.id, position: share.position, amount_cents: share.amount_cents, status: share.status, yours: !!viewer && share.payer_user_id === viewer.id },
    progress: progress(shares),
    payers: shares.map((s) => ({ position: s.position, display_name: s.payer_name ?? null, status: s.status })),
  }
}

/** The organiser's view of their split order: every share with its invite token. Anyone else: 404. */
export async function orderSharesView(deps: AppDeps, viewer: AuthUser, orderId: string): Promise<z.infer<typeof OrderSharesSchema>> {
  const [order, split] = await Promise.all([orders.findOrder(deps.db, orderId), splits.findSplit(deps.db, orderId)])
  if (!order || !split || order.consumer_id !== viewer.id) throw new NotFoundError('no split order with this id', 'split_not_found')
  const shares = await splits.listShares(deps.db, orderId)
  return {
    order_id: order.id,
    order_status: order.status,
    deadline_at: split.deadline_at.toISOString(),
    progress: progress(shares),
    shares: shares.map((s) => ({
      id: s.id,
      position: s.position,
      amount_cents: s.amount_cents,
      platform_fee_cents: s.platform_fee_cents,
      status: s.status,
      payer_name: s.payer_name ?? null,
      invite_token: s.invite_token,
    })),
  }
}
