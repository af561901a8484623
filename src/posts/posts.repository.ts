import { sql } from 'kysely'
import type { Executor } from '../db/database'
import { isUuid } from '../db/uuid'
import type { MerchantPostRow } from './post.table'

/** Inserts a post; returns its row. */
export async function insertPost(
  db: Executor,
  row: { merchant_id: string; author_id: string; text: string; coupon_id: string | null; photo_count: number; created_at: Date },
): Promise<MerchantPostRow> {
  return db.insertInto('merchant_posts').values(row).returningAll().executeTakeFirstOrThrow()
}

/** A live (not deleted) post of the storefront, locked with `lock`. */
export async function findPost(db: Executor, merchantId: string, postId: string, options: { lock?: boolean } = {}): Promise<MerchantPostRow | undefined> {
  if (!isUuid(postId)) return undefined
  let query = db.selectFrom('merchant_posts').selectAll().where('id', '=', postId).where('merchant_id', '=', merchantId).where('deleted_at', 'is', null)
  if (options.lock) query = query.forUpdate()
  return query.executeTakeFirst()
}

/** Applies an edit; returns the new row. */
export async function updatePost(db: Executor, postId: string, changes: { text?: string; coupon_id?: string | null; photo_count?: number; edited_at: Date }): Promise<MerchantPostRow> {
  return db.updateTable('merchant_posts').set(changes).where('id', '=', postId).returningAll().executeTakeFirstOrThrow()
}

/** Marks a post deleted; false when it already was. */
export async function markDeleted(db: Executor, postId: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('merchant_posts').set({ deleted_at: now }).where('id', '=', postId).where('deleted_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Replaces a post's photos with `uploadIds`, in order. */
export async function replacePhotos(db: Executor, postId: string, uploadIds: readonly string[]): Promise<void> {
  await db.deleteFrom('merchant_post_photos').where('post_id', '=', postId).execute()
  if (uploadIds.length === 0) return
  await db.insertInto('merchant_post_photos').values(uploadIds.map((upload_id, position) => ({ post_id: postId, position, upload_id }))).execute()
}

/** Which of `uploadIds` another post already shows. */
export async function findPhotosInUse(db: Executor, uploadIds: readonly string[], exceptPostId?: string): Promise<Set<string>> {
  if (uploadIds.length === 0) return new Set()
  let query = db.selectFrom('merchant_post_photos').select('upload_id').where('upload_id', 'in', [...uploadIds])
  if (exceptPostId) query = query.where('post_id', '<>', exceptPostId)
  return new Set((await query.execute()).map((r) => r.upload_id))
}

/** The photos of each post, in position order. */
export async function findPhotos(db: Executor, postIds: readonly string[]) {
  if (postIds.length === 0) return []
  return db
    .selectFrom('merchant_post_photos as p')
    .innerJoin('uploads as u', 'u.id', 'p.upload_id')
    .select(['p.post_id', 'u.id', 'u.storage_key', 'u.thumbnail_key', 'u.width', 'u.height'])
    .where('p.post_id', 'in', [...postIds])
    .orderBy('p.post_id')
    .orderBy('p.position')
    .execute()
}

/** A keyset position in a post listing: created_at exactly (as text) and id. */
export type PostKey = [string, string]

export interface PostListRow extends MerchantPostRow {
  merchant_name: string
  created_key: string
}

/** A storefront's live posts, newest first, after `after`. */
export async function listPosts(db: Executor, merchantId: string, after: PostKey | undefined, limit: number): Promise<PostListRow[]> {
  const afterClause = after ? sql`AND (p.created_at, p.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``
  const result = await sql<PostListRow>`
    SELECT p.*, m.name AS merchant_name, p.created_at::text AS created_key
    FROM merchant_posts p JOIN merchants m ON m.id = p.merchant_id
    WHERE p.merchant_id = ${merchantId} AND p.deleted_at IS NULL ${afterClause}
    ORDER BY p.created_at DESC, p.id DESC LIMIT ${limit}`.execute(db)
  return result.rows
}
