import { type RawBuilder, sql } from 'kysely'
import { PREPARED } from '../db/client'
import type { Executor } from '../db/database'
import { isUuid } from '../merchants/merchants.repository'
import type { ReviewRow, VisitItem } from './review.table'

/** Orders a storefront's reviews can be listed in. */
export const REVIEW_SORTS = ['recent', 'helpful', 'rating_high', 'rating_low'] as const
export type ReviewSort = (typeof REVIEW_SORTS)[number]

/** A position in a listing: the sort columns of the last row shown (timestamps as ISO strings). */
export type ReviewKey = Array<string | number | boolean>

/** A review with what every listing shows beside it: the author's name and the reply. */
export interface ReviewListRow extends ReviewRow {
  author_name: string
  reply_text: string | null
  reply_created_at: Date | null
  reply_edited_at: Date | null
}

/** The order a review is written about, with its storefront's owner and when it was redeemed. */
export interface ReviewableOrder {
  id: string
  consumer_id: string
  merchant_id: string
  status: string
  owner_id: string
  visited_at: Date | null
}

/** Locks the order (shared) and returns what reviewing it needs; undefined for unknown ids. */
export async function findReviewableOrder(db: Executor, orderId: string): Promise<ReviewableOrder | undefined> {
  if (!isUuid(orderId)) return undefined
  const result = await sql<ReviewableOrder>`
    SELECT o.id, o.consumer_id, o.merchant_id, o.status, m.owner_id,
      (SELECT max(e.at) FROM order_events e WHERE e.order_id = o.id AND e.to_status = 'completed') AS visited_at
    FROM orders o JOIN merchants m ON m.id = o.merchant_id
    WHERE o.id = ${orderId}
    FOR SHARE OF o`.execute(db)
  return result.rows[0]
}

/** The lines of an order, as a review's verified visit shows them. */
export async function findVisitItems(db: Executor, orderId: string): Promise<VisitItem[]> {
  return db.selectFrom('order_items').select(['name', 'quantity']).where('order_id', '=', orderId).orderBy('position').execute()
}

/** Inserts a review; undefined when the order already has one (the UNIQUE constraint decides). */
export async function insertReview(
  db: Executor,
  row: { order_id: string; merchant_id: string; author_id: string; rating: number; text: string; photo_count: number; visited_at: Date; visit_items: VisitItem[]; created_at: Date },
): Promise<ReviewRow | undefined> {
  return db
    .insertInto('reviews')
    .values({ ...row, visit_items: JSON.stringify(row.visit_items) })
    .onConflict((oc) => oc.column('order_id').doNothing())
    .returningAll()
    .executeTakeFirst()
}

/** Replaces a review's photos with `uploadIds`, in order. */
export async function replacePhotos(db: Executor, reviewId: string, uploadIds: readonly string[]): Promise<void> {
  await db.deleteFrom('review_photos').where('review_id', '=', reviewId).execute()
  if (uploadIds.length === 0) return
  await db
    .insertInto('review_photos')
    .values(uploadIds.map((upload_id, position) => ({ review_id: reviewId, position, upload_id })))
    .execute()
}

/**
 * The review; `lock: true` locks it for an edit, `lock: 'key-share'` only keeps it from being
 * deleted until the transaction ends (votes, reports and replies hang off it; they do not block each other).
 */
export async function findReview(db: Executor, id: string, options: { lock?: boolean | 'key-share' } = {}): Promise<ReviewRow | undefined> {
  if (!isUuid(id)) return undefined
  const query = db.selectFrom('reviews').selectAll().where('id', '=', id)
  if (options.lock === 'key-share') return query.forKeyShare().executeTakeFirst()
  return options.lock ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst()
}

/** Applies an author's edit; the rating triggers follow a changed rating. */
export async function updateReview(
  db: Executor,
  id: string,
  changes: { rating?: number; text?: string; photo_count?: number; edited_at: Date },
): Promise<void> {
  await db.updateTable('reviews').set(changes).where('id', '=', id).execute()
}

export async function deleteReview(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('reviews').where('id', '=', id).execute()
}

/** Shows a hidden review again; reports no longer hide it. Undefined when it was not hidden. */
export async function restoreReview(db: Executor, id: string, at: Date): Promise<ReviewRow | undefined> {
  return db
    .updateTable('reviews')
    .set({ hidden_at: null, restored_at: at })
    .where('id', '=', id)
    .where('hidden_at', 'is not', null)
    .returningAll()
    .executeTakeFirst()
}

/** Records a helpful vote; false when this user had already voted. */
export async function insertVote(db: Executor, reviewId: string, userId: string): Promise<boolean> {
  const row = await db
    .insertInto('review_helpful_votes')
    .values({ review_id: reviewId, user_id: userId })
    .onConflict((oc) => oc.columns(['review_id', 'user_id']).doNothing())
    .returning('review_id')
    .executeTakeFirst()
  return row !== undefined
}

export async function deleteVote(db: Executor, reviewId: string, userId: string): Promise<void> {
  await db.deleteFrom('review_helpful_votes').where('review_id', '=', reviewId).where('user_id', '=', userId).execute()
}

/** Records a report; false when this user had already reported the review. */
export async function insertReport(db: Executor, reviewId: string, userId: string, reason: string): Promise<boolean> {
  const row = await db
    .insertInto('review_reports')
    .values({ review_id: reviewId, user_id: userId, reason })
    .onConflict((oc) => oc.columns(['review_id', 'user_id']).doNothing())
    .returning('review_id')
    .executeTakeFirst()
  return row !== undefined
}

/** Writes the storefront owner's one reply, or edits it. */
export async function upsertReply(db: Executor, row: { review_id: string; author_id: string; text: string; at: Date }): Promise<void> {
  await db
    .insertInto('review_replies')
    .values({ review_id: row.review_id, author_id: row.author_id, text: row.text, created_at: row.at })
    .onConflict((oc) => oc.column('review_id').doUpdateSet({ text: row.text, edited_at: row.at }))
    .execute()
}

/** Removes the reply; false when there was none. */
export async function deleteReply(db: Executor, reviewId: string): Promise<boolean> {
  const result = await db.deleteFrom('review_replies').where('review_id', '=', reviewId).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

const LIST_COLUMNS = sql`r.*, u.name AS author_name, rp.text AS reply_text, rp.created_at AS reply_created_at, rp.edited_at AS reply_edited_at`
const LIST_FROM = sql`reviews r JOIN users u ON u.id = r.author_id LEFT JOIN review_replies rp ON rp.review_id = r.id`

/** Reviews by id with their author and reply, in the order of `ids`. */
export async function findListRows(db: Executor, ids: readonly string[]): Promise<ReviewListRow[]> {
  if (ids.length === 0) return []
  const result = await sql<ReviewListRow>`SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} WHERE r.id IN (${sql.join(ids)})`.execute(db)
  const byId = new Map(result.rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** Sort columns of each listing and whether each descends; the last ones break ties. */
const ORDERS: Record<ReviewSort | 'inbox', Array<[column: string, descending: boolean]>> = {
  recent: [['r.created_at', true], ['r.id', true]],
  helpful: [['r.helpful_count', true], ['r.created_at', true], ['r.id', true]],
  rating_high: [['r.rating', true], ['r.created_at', true], ['r.id', true]],
  rating_low: [['r.rating', false], ['r.created_at', true], ['r.id', true]],
  // Unanswered first, then newest first.
  inbox: [['(rp.review_id IS NOT NULL)', false], ['r.created_at', true], ['r.id', true]],
}

/** `key` as values of the listing's columns. */
function keyValue(column: string, value: string | number | boolean): RawBuilder<unknown> {
  if (column === 'r.created_at') return sql`${new Date(String(value))}::timestamptz`
  if (column === 'r.id') return sql`${String(value)}::uuid`
  return sql`${value}`
}

/** Rows strictly after `key` in the listing's order: a row comparison where directions agree. */
function afterKey(order: Array<[string, boolean]>, key: ReviewKey): RawBuilder<boolean> {
  const [[column, descending], ...rest] = order as [[string, boolean], ...Array<[string, boolean]>]
  const value = keyValue(column, key[0] as string | number | boolean)
  const col = sql.raw(column)
  if (rest.length === 0) return descending ? sql`${col} < ${value}` : sql`${col} > ${value}`
  if (rest.every(([, d]) => d === descending)) {
    const cols = sql.raw(order.map(([c]) => c).join(', '))
    const values = sql.join(order.map(([c], i) => keyValue(c, key[i] as string | number | boolean)))
    return descending ? sql`(${cols}) < (${values})` : sql`(${cols}) > (${values})`
  }
  const strictly = descending ? sql`${col} < ${value}` : sql`${col} > ${value}`
  return sql`(${strictly} OR (${col} = ${value} AND ${afterKey(rest, key.slice(1))}))`
}

/** The key of `row` for a listing, as afterKey reads it back. */
export function keyOf(row: ReviewListRow, sort: ReviewSort | 'inbox'): ReviewKey {
  return ORDERS[sort].map(([column]) => {
    if (column === 'r.created_at') return new Date(row.created_at).toISOString()
    if (column === 'r.id') return row.id
    if (column === 'r.helpful_count') return row.helpful_count
    if (column === 'r.rating') return row.rating
    return row.reply_text !== null
  })
}

export interface ReviewListQuery {
  merchantId?: string
  authorId?: string
  sort: ReviewSort | 'inbox'
  withPhotos?: boolean
  after?: ReviewKey
  limit: number
}

/**
 * One page of reviews in keyset order: a storefront's visible reviews, an author's own reviews
 * (hidden ones included), or a storefront's inbox (everything, unanswered first).
 */
export async function listReviews(db: Executor, q: ReviewListQuery): Promise<ReviewListRow[]> {
  const where: RawBuilder<unknown>[] = []
  if (q.merchantId) where.push(sql`r.merchant_id = ${q.merchantId}`)
  if (q.authorId) where.push(sql`r.author_id = ${q.authorId}`)
  if (q.merchantId && q.sort !== 'inbox') where.push(sql`r.hidden_at IS NULL`)
  if (q.withPhotos) where.push(sql`r.photo_count > 0`)
  const order = ORDERS[q.sort]
  if (q.after) where.push(afterKey(order, q.after))
  const orderBy = sql.raw(order.map(([c, d]) => `${c}${d ? ' DESC' : ''}`).join(', '))
  // Prepared: one text per listing shape (sort, filters, first or later page), planned once per connection.
  const result = await sql<ReviewListRow>`${sql.raw(PREPARED)}
    SELECT ${LIST_COLUMNS} FROM ${LIST_FROM}
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ${orderBy} LIMIT ${q.limit}`.execute(db)
  return result.rows
}

/** The photos of each review, in position order. */
export async function findPhotos(db: Executor, reviewIds: readonly string[]) {
  if (reviewIds.length === 0) return []
  // One array parameter instead of IN (…): the same statement text for any page, so it stays prepared.
  const result = await sql<{ review_id: string; id: string; storage_key: string; thumbnail_key: string; width: number; height: number }>`${sql.raw(PREPARED)}
    SELECT p.review_id, u.id, u.storage_key, u.thumbnail_key, u.width, u.height
    FROM review_photos p JOIN uploads u ON u.id = p.upload_id
    WHERE p.review_id = ANY(${[...reviewIds]}::uuid[])
    ORDER BY p.review_id, p.position`.execute(db)
  return result.rows
}

/** Which of `reviewIds` `userId` found helpful. */
export async function findVotedIds(db: Executor, reviewIds: readonly string[], userId: string): Promise<Set<string>> {
  if (reviewIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('review_helpful_votes')
    .select('review_id')
    .where('user_id', '=', userId)
    .where('review_id', 'in', [...reviewIds])
    .execute()
  return new Set(rows.map((r) => r.review_id))
}

/** The review of each order that has one. */
export async function findReviewIdsByOrder(db: Executor, orderIds: readonly string[]): Promise<Map<string, string>> {
  if (orderIds.length === 0) return new Map()
  const rows = await db.selectFrom('reviews').select(['id', 'order_id']).where('order_id', 'in', [...orderIds]).execute()
  return new Map(rows.map((r) => [r.order_id, r.id]))
}

/** Which of `uploadIds` another review already shows. */
export async function findPhotosInUse(db: Executor, uploadIds: readonly string[], exceptReviewId?: string): Promise<Set<string>> {
  if (uploadIds.length === 0) return new Set()
  let query = db.selectFrom('review_photos').select('upload_id').where('upload_id', 'in', [...uploadIds])
  if (exceptReviewId) query = query.where('review_id', '<>', exceptReviewId)
  return new Set((await query.execute()).map((r) => r.upload_id))
}

/** The helpful count of a review now. */
export async function findHelpfulCount(db: Executor, reviewId: string): Promise<number> {
  const row = await db.selectFrom('reviews').select('helpful_count').where('id', '=', reviewId).executeTakeFirst()
  return row?.helpful_count ?? 0
}
