import type { AppDeps, AuthUser } from '../context'
import type { Executor } from '../db/database'
import { NotFoundError } from '../errors'
import type { OrderRow, OrderStatus } from './order.table'
import { type OrderView, presentOrders } from './order-view'
import { loadStorefront } from '../merchants'
import * as orders from './orders.repository'

/** The order when `viewer` is its consumer or owns its storefront; NotFoundError for anyone else. */
export async function findVisibleOrder(db: Executor, viewer: AuthUser, orderId: string): Promise<OrderRow> {
  const row = await orders.findOrder(db, orderId)
  if (row && row.consumer_id === viewer.id) return row
  if (row) {
    const store = await loadStorefront(db, row.merchant_id)
    if (store?.owner_id === viewer.id) return row
  }
  throw new NotFoundError('no such order', 'order_not_found')
}

/** One order, presented to its consumer or storefront owner. */
export async function getOrder(deps: AppDeps, viewer: AuthUser, orderId: string): Promise<OrderView> {
  const row = await findVisibleOrder(deps.db, viewer, orderId)
  const [view] = await presentOrders(deps.db, [row], viewer)
  return view as OrderView
}

interface PageCursor {
  c: string
  i: string
}

/** A consumer's own orders, or a merchant's storefronts' orders, newest first, keyset-paged. */
export async function listOrders(
  deps: AppDeps,
  viewer: AuthUser,
  query: { status?: OrderStatus; limit: number; cursor?: string },
): Promise<{ data: OrderView[]; next_cursor: string | null }> {
  const after = query.cursor ? await deps.cursors.decode<PageCursor>(query.cursor) : undefined
  const rows = await orders.listOrders(deps.db, {
    ...(viewer.role === 'consumer' ? { consumerId: viewer.id } : { ownerId: viewer.id }),
    status: query.status,
    after: after ? { createdAt: new Date(after.c), id: after.i } : undefined,
    limit: query.limit + 1,
  })
  const page = rows.slice(0, query.limit)
  const last = page[page.length - 1]
  const next_cursor = rows.length > query.limit && last ? await deps.cursors.encode({ c: last.created_at.toISOString(), i: last.id }) : null
  return { data: await presentOrders(deps.db, page, viewer), next_cursor }
}
