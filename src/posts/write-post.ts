import type { AppDeps, AuthUser } from '../context'
import type { Executor } from '../db/database'
import { findCoupon } from '../coupons/coupons.repository'
import { withTransaction } from '../db/transaction'
import { ValidationError } from '../errors'
import { raiseStorePosted } from '../events/raise'
import { findOwnedMerchant } from '../merchants'
import { attachUploads } from '../uploads'
import { presentPosts } from './post-view'
import type { CreatePostInput, Post, UpdatePostInput } from './posts.schemas'
import * as posts from './posts.repository'
import { NotFoundError } from '../errors'

const postNotFound = () => new NotFoundError('no post with this id on this storefront', 'post_not_found')

/** Checks and attaches the owner's photos for a post (422 naming photo_ids[i] when not theirs or shown elsewhere). */
async function attachPostPhotos(db: Executor, input: { ownerId: string; postId: string; ids: readonly string[]; now: Date }): Promise<void> {
  await attachUploads(db, { ownerId: input.ownerId, ids: input.ids, field: 'photo_ids', now: input.now })
  const used = await posts.findPhotosInUse(db, input.ids, input.postId)
  const errors = input.ids.flatMap((id, i) => (used.has(id) ? [{ path: `photo_ids[${i}]`, message: 'is already shown in another post' }] : []))
  if (errors.length > 0) throw new ValidationError(`Invalid photo_ids: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors)
  await posts.replacePhotos(db, input.postId, input.ids)
}

/**
 * A post may carry only a coupon of its own storefront (the database holds this too: a composite
 * FK) that followers can claim now: a paused or ended campaign would put a dead claim button in
 * every follower's feed.
 */
async function assertStoreCoupon(db: Executor, merchantId: string, couponId: string | null | undefined, now: Date): Promise<void> {
  if (!couponId) return
  const coupon = await findCoupon(db, couponId)
  const refuse = (message: string) => new ValidationError(`Invalid coupon_id: ${message}`, [{ path: 'coupon_id', message }])
  if (!coupon || coupon.merchant_id !== merchantId) throw refuse('is not a coupon of this storefront')
  if (coupon.status === 'ended' || coupon.ends_at <= now) throw refuse('has ended, so followers could not claim it')
  if (coupon.status === 'paused') throw refuse('is paused; resume the campaign before posting it')
}

/** Publishes a post on the owner's storefront and tells its followers' open streams (same transaction). */
export async function createPost(deps: AppDeps, user: AuthUser, merchantId: string, input: CreatePostInput): Promise<Post> {
  const now = deps.now()
  return withTransaction(deps.db, async (trx) => {
    const store = await findOwnedMerchant(trx, user, merchantId)
    await assertStoreCoupon(trx, store.id, input.coupon_id, now)
    const photoIds = input.photo_ids ?? []
    const row = await posts.insertPost(trx, { merchant_id: store.id, author_id: user.id, text: input.text, coupon_id: input.coupon_id ?? null, photo_count: photoIds.length, created_at: now })
    if (photoIds.length > 0) await attachPostPhotos(trx, { ownerId: user.id, postId: row.id, ids: photoIds, now })
    await raiseStorePosted(trx, { id: row.id, merchant_id: store.id, merchant_name: store.name, text: row.text }, now)
    return (await presentPosts(trx, [{ ...row, merchant_name: store.name }]))[0] as Post
  })
}

/** Edits a live post of the owner's storefront; photo_ids replaces its photos. */
export async function editPost(deps: AppDeps, user: AuthUser, merchantId: string, postId: string, input: UpdatePostInput): Promise<Post> {
  const now = deps.now()
  return withTransaction(deps.db, async (trx) => {
    const store = await findOwnedMerchant(trx, user, merchantId)
    const current = await posts.findPost(trx, store.id, postId, { lock: true })
    if (!current) throw postNotFound()
    await assertStoreCoupon(trx, store.id, input.coupon_id, now)
    if (input.photo_ids) await attachPostPhotos(trx, { ownerId: user.id, postId: current.id, ids: input.photo_ids, now })
    const row = await posts.updatePost(trx, current.id, {
      ...(input.text !== undefined && { text: input.text }),
      ...(input.coupon_id !== undefined && { coupon_id: input.coupon_id }),
      ...(input.photo_ids && { photo_count: input.photo_ids.length }),
      edited_at: now,
    })
    return (await presentPosts(trx, [{ ...row, merchant_name: store.name }]))[0] as Post
  })
}

/** Deletes a post of the owner's storefront; it leaves the storefront's list and every feed. */
export async function deletePost(deps: AppDeps, user: AuthUser, merchantId: string, postId: string): Promise<void> {
  const store = await findOwnedMerchant(deps.db, user, merchantId)
  const current = await posts.findPost(deps.db, store.id, postId)
  if (!current || !(await posts.markDeleted(deps.db, current.id, deps.now()))) throw postNotFound()
}
