import { type Insertable, sql } from 'kysely'
import type { Executor } from '../db/database'
import type { OrderShareRow, OrderShareTable, OrderSplitRow, OrderSplitTable, ShareStatus } from './split.table'

export async function insertSplit(db: Executor, row: Insertable<OrderSplitTable>): Promise<void> {
  await db.insertInto('order_splits').values(row).execute()
}

export async function insertShares(db: Executor, rows: Insertable<OrderShareTable>[]): Promise<void> {
  await db.insertInto('order_shares').values(rows).execute()
}

export async function findSplit(db: Executor, orderId: string): Promise<OrderSplitRow | undefined> {
  return db.selectFrom('order_splits').selectAll().where('order_id', '=', orderId).executeTakeFirst()
}

/** An order's shares in order, with each payer's display name (never the email). */
export async function listShares(db: Executor, orderId: string) {
  return db
    .selectFrom('order_shares')
    .leftJoin('users', 'users.id', 'order_shares.payer_user_id')
    .selectAll('order_shares')
    .select('users.name as payer_name')
    .where('order_shares.order_id', '=', orderId)
    .orderBy('order_shares.position')
    .execute()
}

export async function findShareByToken(db: Executor, token: string): Promise<OrderShareRow | undefined> {
  return db.selectFrom('order_shares').selectAll().where('invite_token', '=', token).executeTakeFirst()
}

export async function findShare(db: Executor, orderId: string, shareId: string): Promise<OrderShareRow | undefined> {
  return db.selectFrom('order_shares').selectAll().where('order_id', '=', orderId).where('id', '=', shareId).executeTakeFirst()
}

export async function findShareById(db: Executor, shareId: string): Promise<OrderShareRow | undefined> {
  return db.selectFrom('order_shares').selectAll().where('id', '=', shareId).executeTakeFirst()
}

export async function findShareByIntent(db: Executor, paymentIntentId: string): Promise<OrderShareRow | undefined> {
  return db.selectFrom('order_shares').selectAll().where('payment_intent_id', '=', paymentIntentId).executeTakeFirst()
}

/** Gives an open share to `userId`; undefined when it is no longer open. The UNIQUE (order, payer) refuses a second share. */
export async function claimShare(db: Executor, shareId: string, userId: string): Promise<OrderShareRow | undefined> {
  return db
    .updateTable('order_shares')
    .set({ payer_user_id: userId, status: 'claimed', updated_at: sql<Date>`now()` })
    .where('id', '=', shareId)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst()
}

/**
 * Records the share's PaymentIntent once (a retry keeps the first), and only on a claimed share (one
 * its payer moved to the counter meanwhile takes none); whether this intent is now the share's.
 */
export async function setShareIntent(db: Executor, shareId: string, paymentIntentId: string): Promise<boolean> {
  await db
    .updateTable('order_shares')
    .set({ payment_intent_id: paymentIntentId, updated_at: sql<Date>`now()` })
    .where('id', '=', shareId)
    .where('payment_intent_id', 'is', null)
    .where('status', '=', 'claimed')
    .execute()
  const row = await db.selectFrom('order_shares').select('payment_intent_id').where('id', '=', shareId).executeTakeFirst()
  return row?.payment_intent_id === paymentIntentId
}

/** Moves a share to `to` only while it is in one of `from`; undefined when it was not. */
export async function moveShare(db: Executor, shareId: string, from: readonly ShareStatus[], to: ShareStatus): Promise<OrderShareRow | undefined> {
  return db
    .updateTable('order_shares')
    .set({ status: to, updated_at: sql<Date>`now()` })
    .where('id', '=', shareId)
    .where('status', 'in', [...from])
    .returningAll()
    .executeTakeFirst()
}

/**
 * A claimed share becomes a cash share only while no card payment has started for it (the guard
 * is re-checked after a concurrent POST …/pay records its intent); undefined when it was not.
 */
export async function moveShareToCash(db: Executor, shareId: string): Promise<OrderShareRow | undefined> {
  return db
    .updateTable('order_shares')
    .set({ status: 'cash', updated_at: sql<Date>`now()` })
    .where('id', '=', shareId)
    .where('status', '=', 'claimed')
    .where('payment_intent_id', 'is', null)
    .returningAll()
    .executeTakeFirst()
}

/** The storefront's public name, for invite pages. */
export async function findStorefrontName(db: Executor, merchantId: string) {
  return db.selectFrom('merchants').select('name').where('id', '=', merchantId).executeTakeFirst()
}
