import { type Kysely, sql } from 'kysely'

/**
 * Ranked recommendation snapshots are disposable (a cursor whose snapshot is gone answers
 * "start again from the first page"), yet every first page wrote one through the WAL and waited
 * for its flush. Unlogged, a crash empties the table instead, which costs people nothing more
 * than an expired cursor would.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE recommendation_snapshots SET UNLOGGED`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE recommendation_snapshots SET LOGGED`.execute(db)
}
