import type { Executor } from '../db/database'
import type { UploadRow } from '../uploads'

/** A storefront photo with what toPhoto needs. */
export type MerchantPhotoRow = Pick<UploadRow, 'id' | 'storage_key' | 'thumbnail_key' | 'width' | 'height'> & { merchant_id: string }

/** Replaces the storefront's photos with `uploadIds` in this order (the first is the cover). */
export async function replaceMerchantPhotos(db: Executor, merchantId: string, uploadIds: readonly string[]): Promise<void> {
  await db.deleteFrom('merchant_photos').where('merchant_id', '=', merchantId).execute()
  if (uploadIds.length === 0) return
  await db
    .insertInto('merchant_photos')
    .values(uploadIds.map((upload_id, position) => ({ merchant_id: merchantId, upload_id, position })))
    .execute()
}

/** The photos of each storefront in `merchantIds`, in display order. */
export async function listMerchantPhotos(db: Executor, merchantIds: readonly string[]): Promise<MerchantPhotoRow[]> {
  if (merchantIds.length === 0) return []
  return db
    .selectFrom('merchant_photos as p')
    .innerJoin('uploads as u', 'u.id', 'p.upload_id')
    .select(['p.merchant_id', 'u.id', 'u.storage_key', 'u.thumbnail_key', 'u.width', 'u.height'])
    .where('p.merchant_id', 'in', [...merchantIds])
    .orderBy('p.merchant_id')
    .orderBy('p.position')
    .execute()
}
