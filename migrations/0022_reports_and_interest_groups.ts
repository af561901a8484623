import { type Kysely, sql } from 'kysely'

/**
 * Storefront reports: a signed-in user tells us a place is closed, misplaced, inappropriate or spam.
 * One report per user and storefront (UNIQUE: a second, even a concurrent one, is refused), and a
 * reported place is never recommended to its reporter again.
 *
 * Interest groups: how many people with each interest went to each storefront, rebuilt by the
 * 'refresh-recommendations' job, so GET /v1/interests/:tag/storefronts and the "Popular with
 * people who like …" reason read one indexed table instead of every order of every fan.
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

  await sql`
    CREATE TABLE interest_group_fans (
      tag text NOT NULL CHECK (tag ~ '^[a-z][a-z0-9-]{0,39}$'),
      merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
      fans integer NOT NULL CHECK (fans >= 1),
      computed_at timestamptz NOT NULL,
      PRIMARY KEY (tag, merchant_id)
    )`.execute(db)
  await sql`CREATE INDEX interest_group_fans_merchant_idx ON interest_group_fans (merchant_id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE interest_group_fans, storefront_reports`.execute(db)
}
