import { type Kysely, sql } from 'kysely'

/**
 * Storefront reports: a signed-in user tells us a place is closed, misplaced, inappropriate or spam.
 * One report per user and storefront (UNIQUE: a second, even a concurrent one, is refused), and a
 * reported place is never recommended to its reporter again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE storefront_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      reason text NOT NULL CHECK (reason IN ('closed', 'wrong_location', 'inappropriate', 'spam', 'other')),
      note text CHECK (char_length(note) BETWEEN 1 AND 500),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT storefront_reports_once UNIQUE (user_id, merchant_id)
    )`.execute(db)
  // Moderators read a storefront's reports; the UNIQUE index already serves "what did I report".
  await sql`CREATE INDEX storefront_reports_merchant_idx ON storefront_reports (merchant_id, created_at)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE storefront_reports`.execute(db)
}
