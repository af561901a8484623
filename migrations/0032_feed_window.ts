import { type Kysely, sql } from 'kysely'

/**
 * The feed covers the last 180 days: inbox keys older than that are deleted by the recurring
 * prune-feed-inboxes job, which finds them through this index (without it, every prune would read
 * every consumer's whole inbox).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX feed_inbox_created_idx ON feed_inbox (created_at)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX feed_inbox_created_idx`.execute(db)
}
