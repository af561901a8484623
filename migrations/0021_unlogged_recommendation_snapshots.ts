import { type Kysely, sql } from 'kysely'

/**
 * Ranked recommendation snapshots are disposable (a cursor whose snapshot is gone answers
 * "start again from the first page"), yet every first page wrote one through the WAL and waited
 * for its flush. Unlogged, a crash empties the table instead, which costs people nothing more
 * than an expired cursor would. Its items are stored uncompressed (a ranked list is read at most a
 * few times within 30 minutes; compressing ~60 kB on every first page doubled the insert's time).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE recommendation_snapshots SET UNLOGGED`.execute(db)
  await sql`ALTER TABLE recommendation_snapshots ALTER COLUMN items SET STORAGE EXTERNAL`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE recommendation_snapshots ALTER COLUMN items SET STORAGE EXTENDED`.execute(db)
  await sql`ALTER TABLE recommendation_snapshots SET LOGGED`.execute(db)
}
