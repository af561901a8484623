import { type Kysely, sql } from 'kysely'

/**
 * Storefront photos: an ordered list of the owner's uploads (at most 9), the first being the
 * cover. The cover's storage key is also kept on the storefront row (`cover_key`, written in the
 * same transaction as the list), so search listings and map points show it without a join.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE merchant_photos (
      merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
      upload_id uuid NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
      position smallint NOT NULL CHECK (position BETWEEN 0 AND 8),
      PRIMARY KEY (merchant_id, position),
      UNIQUE (merchant_id, upload_id)
    )`.execute(db)
  // Deleting an upload finds the storefronts showing it through these indexes, not a table scan.
  await sql`CREATE INDEX merchant_photos_upload_idx ON merchant_photos (upload_id)`.execute(db)
  await sql`ALTER TABLE merchants ADD COLUMN cover_key text REFERENCES uploads (storage_key) ON DELETE SET NULL`.execute(db)
  await sql`CREATE INDEX merchants_cover_key_idx ON merchants (cover_key) WHERE cover_key IS NOT NULL`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE merchants DROP COLUMN cover_key`.execute(db)
  await sql`DROP TABLE merchant_photos`.execute(db)
}
