import { type Insertable, sql, type Updateable } from 'kysely'
import type { Executor } from '../db/database'
import type { OrderItemRow, OrderItemTable, OrderRow, OrderStatus, OrderTable } from './order.table'

/** Claims (consumer, Idempotency-Key) for a new order id; false when the key is already taken (waits for a concurrent holder). */
export async function claimRequestKey(
  db: Executor,
  row: { consumer_id: string; idempotency_key: string; request_hash: string; order_id: string },
): Promise<boolean> {
  const inserted = await db.insertInto('order_requests').values(row).onConflict((oc) => oc.doNothing()).returning('order_id').executeTakeFirst()
  return inserted !== undefined
}

export async function findRequest(db: Executor, consumerId: string, key: string) {
  return db
    .selectFrom('order_requests')
    .select(['request_hash', 'order_id'])
    .where('consumer_id', '=', consumerId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst()
}

export async function insertOrder(db: Executor, row: Insertable<OrderTable>): Promise<OrderRow> {
  return db.insertInto('orders').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function insertItems(db: Executor, rows: Insertable<OrderItemTable>[]): Promise<void> {
  await db.insertInto('order_items').values(rows).execute()
}

export async function findOrder(db: Executor, id: string): Promise<OrderRow | undefined> {
  return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Locks the order row for the rest of the transaction. */
export async function lockOrder(db: Executor, id: string): Promise<OrderRow | undefined> {
  return db.selectFrom('orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function findOrderByPaymentIntent(db: Executor, paymentIntentId: string): Promise<OrderRow | undefined> {
  return db.selectFrom('orders').selectAll().where('payment_intent_id', '=', paymentIntentId).executeTakeFirst()
}

/** The items of each order, in line order. */
/** The display names of the orders' customers (what a merchant sees; never their emails). */
export async function findCustomerNames(db: Executor, consumerIds: string[]): Promise<Map<string, string>> {
  if (consumerIds.length === 0) return new Map()
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...new Set(consumerIds)]).execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

export async function findItems(db: Executor, orderIds: string[]): Promise<OrderItemRow[]> {
  if (orderIds.length === 0) return []
  return db.selectFrom('order_items').selectAll().where('order_id', 'in', orderIds).orderBy('order_id').orderBy('position').execute()
}

/** Moves the order to `to` only while it is still in one of `from`; undefined when it was not. */
export async function updateStatusGuarded(
  db: Executor,
  id: string,
  from: readonly OrderStatus[],
  to: OrderStatus,
  changes: Updateable<OrderTable>,
): Promise<OrderRow | undefined> {
  if (from.length === 0) return undefined
  return db
    .updateTable('orders')
    .set({ ...changes, status: to, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .returningAll()
    .executeTakeFirst()
}

/** Changes order columns other than its status (payment intent, review flag, refund note). */
export async function updateOrder(db: Executor, id: string, changes: Omit<Updateable<OrderTable>, 'status'>): Promise<OrderRow | undefined> {
  return db
    .updateTable('orders')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
}

/** Records the refunded amount Stripe reports (cumulative); an older, smaller report never lowers it. */
export async function recordRefundedAmount(db: Executor, id: string, refundedCents: number): Promise<void> {
  await db
    .updateTable('orders')
    .set({ refunded_cents: sql<number>`greatest(refunded_cents, ${refundedCents})`, updated_at: new Date() })
    .where('id', '=', id)
    .execute()
}

export async function insertOrderEvent(
  db: Executor,
  row: { order_id: string; from_status: OrderStatus | null; to_status: OrderStatus; cause: string },
): Promise<void> {
  await db.insertInto('order_events').values(row).execute()
}

export interface OrderListQuery {
  consumerId?: string
  ownerId?: string
  status?: OrderStatus
  /** Keyset position: rows strictly after (created_at, id) in newest-first order. */
  after?: { createdAt: Date; id: string }
  limit: number
}

/** A consumer's orders, or the orders of a merchant's storefronts, newest first. */
export async function listOrders(db: Executor, q: OrderListQuery): Promise<OrderRow[]> {
  let query = db.selectFrom('orders').selectAll('orders')
  if (q.consumerId) query = query.where('orders.consumer_id', '=', q.consumerId)
  if (q.ownerId) {
    const ownerId = q.ownerId
    query = query.where('orders.merchant_id', 'in', (eb) => eb.selectFrom('merchants').select('id').where('owner_id', '=', ownerId))
  }
  if (q.status) query = query.where('orders.status', '=', q.status)
  if (q.after) {
    const { createdAt, id } = q.after
    query = query.where(sql<boolean>`(orders.created_at, orders.id) < (${createdAt}, ${id}::uuid)`)
  }
  return query.orderBy('orders.created_at', 'desc').orderBy('orders.id', 'desc').limit(q.limit).execute()
}

export async function findOfferings(db: Executor, ids: string[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('offerings')
    .select(['id', 'merchant_id', 'name', 'kind', 'price_cents', 'currency', 'duration_min', 'capacity', 'active'])
    .where('id', 'in', ids)
    .execute()
}

/** Card orders still unpaid that were placed before `cutoff`, oldest first. */
export async function findUnpaidCardOrdersBefore(db: Executor, cutoff: Date, limit: number): Promise<OrderRow[]> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('payment_provider', '=', 'stripe')
    .where('status', 'in', ['pending_payment', 'payment_failed'])
    .where('created_at', '<', cutoff)
    .orderBy('created_at')
    .limit(limit)
    .execute()
}
