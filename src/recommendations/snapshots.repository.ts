import type { Insertable } from 'kysely'
import type { Executor } from '../db/database'
import type { RecommendationSnapshotTable } from './recommendation.table'

/** Stores a ranked list; returns its id (the cursor carries it). */
export async function insertSnapshot(db: Executor, row: Insertable<RecommendationSnapshotTable>): Promise<string> {
  const inserted = await db.insertInto('recommendation_snapshots').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

/** A stored ranked list, or undefined (unknown id, or pruned after expiring). */
export async function findSnapshot(db: Executor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined
  return db.selectFrom('recommendation_snapshots').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Drops every ranked list kept for the user, so no older cursor walks a list built from forgotten history. */
export async function deleteUserSnapshots(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('recommendation_snapshots').where('user_id', '=', userId).execute()
}
