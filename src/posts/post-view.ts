import type { Executor } from '../db/database'
import { type Photo, toPhoto } from '../uploads'
import type { MerchantPostRow } from './post.table'
import type { Post } from './posts.schemas'
import * as posts from './posts.repository'

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString())

/** Posts as the API shows them, photos included (one query for all of them). */
export async function presentPosts(db: Executor, rows: ReadonlyArray<MerchantPostRow & { merchant_name: string }>): Promise<Post[]> {
  const photos = new Map<string, Photo[]>()
  for (const p of await posts.findPhotos(db, rows.filter((r) => r.photo_count > 0).map((r) => r.id))) {
    const list = photos.get(p.post_id) ?? []
    list.push(toPhoto(p))
    photos.set(p.post_id, list)
  }
  return rows.map((r) => presentPost(r, photos.get(r.id) ?? []))
}

/** One post as the API shows it, given its photos in position order. */
export function presentPost(r: Pick<MerchantPostRow, 'id' | 'merchant_id' | 'text' | 'coupon_id'> & {
  merchant_name: string
  created_at: Date | string
  edited_at: Date | string | null
}, photos: Photo[]): Post {
  return {
    id: r.id,
    merchant: { id: r.merchant_id, name: r.merchant_name },
    text: r.text,
    photos,
    coupon_id: r.coupon_id,
    created_at: iso(r.created_at) as string,
    edited_at: iso(r.edited_at),
  }
}
