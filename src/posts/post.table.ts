import type { ColumnType, Generated, Selectable } from 'kysely'

/** A storefront's news post; deleted posts keep their row (`deleted_at`) and leave every listing. */
export interface MerchantPostTable {
  id: Generated<string>
  merchant_id: string
  author_id: string
  text: string
  /** Optional coupon followers can claim from the post (FK added with the coupons table). */
  coupon_id: string | null
  photo_count: ColumnType<number, number | undefined, number>
  created_at: ColumnType<Date, Date | undefined, never>
  edited_at: Date | null
  deleted_at: Date | null
}

export interface MerchantPostPhotoTable {
  post_id: string
  position: number
  upload_id: string
}

export interface PostTables {
  merchant_posts: MerchantPostTable
  merchant_post_photos: MerchantPostPhotoTable
}

export type MerchantPostRow = Selectable<MerchantPostTable>
