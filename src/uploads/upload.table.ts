import type { ColumnType, Generated, Selectable } from 'kysely'

/** Image types an upload may hold after re-encoding. */
export const UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type UploadContentType = (typeof UPLOAD_CONTENT_TYPES)[number]

/** One stored image and its thumbnail; `attached_at` is set when a review, storefront or post uses it. */
export interface UploadTable {
  id: Generated<string>
  owner_id: string
  content_type: UploadContentType
  storage_key: string
  thumbnail_key: string
  width: number
  height: number
  byte_size: number
  created_at: ColumnType<Date, never, never>
  attached_at: Date | null
}

export type UploadRow = Selectable<UploadTable>
