import { type Kysely, sql } from 'kysely'

/**
 * Uploaded images (review photos, storefront photos, post photos). Each row is one re-encoded,
 * metadata-free image and its thumbnail in storage; `attached_at` is set once something uses it,
 * and unattached uploads older than a day are cleaned up.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE uploads (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
      storage_key text NOT NULL UNIQUE,
      thumbnail_key text NOT NULL UNIQUE,
      width integer NOT NULL CHECK (width BETWEEN 1 AND 2048),
      height integer NOT NULL CHECK (height BETWEEN 1 AND 2048),
      byte_size integer NOT NULL CHECK (byte_size > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      attached_at timestamptz
    )`.execute(db)
  await sql`CREATE INDEX uploads_owner_idx ON uploads (owner_id, created_at DESC)`.execute(db)
  // The cleanup job scans only unattached rows by age.
  await sql`CREATE INDEX uploads_unattached_idx ON uploads (created_at) WHERE attached_at IS NULL`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE uploads`.execute(db)
}
