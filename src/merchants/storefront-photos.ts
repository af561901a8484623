import type { Executor } from '../db/database'
import { attachUploads, type Photo, toPhoto } from '../uploads'
import { listMerchantPhotos } from './merchant-photos.repository'

/** Each storefront's photos in display order, by storefront id (absent ids have none). */
export async function merchantPhotos(db: Executor, rows: ReadonlyArray<{ id: string }>): Promise<Map<string, Photo[]>> {
  const byMerchant = new Map<string, Photo[]>()
  for (const photo of await listMerchantPhotos(db, rows.map((r) => r.id))) {
    const list = byMerchant.get(photo.merchant_id) ?? []
    list.push(toPhoto(photo))
    byMerchant.set(photo.merchant_id, list)
  }
  return byMerchant
}

/**
 * Checks that `photoIds` are the owner's uploads (422 naming `photo_ids[i]`) and marks them
 * attached; returns the cover's storage key for the storefront row. Call inside the transaction
 * that then stores the list (replaceMerchantPhotos).
 */
export async function claimPhotos(db: Executor, input: { ownerId: string; photoIds: readonly string[]; now: Date }): Promise<{ coverKey: string | null }> {
  const uploads = await attachUploads(db, { ownerId: input.ownerId, ids: input.photoIds, field: 'photo_ids', now: input.now })
  return { coverKey: uploads[0]?.storage_key ?? null }
}
