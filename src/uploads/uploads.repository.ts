import type { Executor } from '../db/database'
import { isUuid } from '../db/uuid'
import type { UploadRow, UploadTable } from './upload.table'
import type { Insertable } from 'kysely'

/** The uploads among `ids` that `ownerId` made, in the order of `ids` (unknown or foreign ids are left out). */
export async function findOwnedUploads(db: Executor, ownerId: string, ids: readonly string[]): Promise<UploadRow[]> {
  const wanted = ids.filter(isUuid)
  if (wanted.length === 0) return []
  // Locked (in id order, so two attaches never deadlock) until the caller's transaction ends: the
  // cleanup of abandoned uploads skips locked rows instead of deleting a photo being attached.
  const rows = await db.selectFrom('uploads').selectAll().where('owner_id', '=', ownerId).where('id', 'in', wanted).orderBy('id').forUpdate().execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return wanted.flatMap((id) => byId.get(id) ?? [])
}

/** Marks uploads as used so the cleanup of abandoned uploads keeps them. */
export async function markAttached(db: Executor, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return
  await db.updateTable('uploads').set({ attached_at: at }).where('id', 'in', [...ids]).where('attached_at', 'is', null).execute()
}

/** Records a stored image and its thumbnail. */
export async function insertUpload(db: Executor, row: Insertable<UploadTable>): Promise<UploadRow> {
  return db.insertInto('uploads').values(row).returningAll().executeTakeFirstOrThrow()
}

/** Deletes one upload row (its files could not be stored). */
export async function deleteUpload(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('uploads').where('id', '=', id).execute()
}

/**
 * Deletes up to `limit` unattached uploads created before `cutoff` and returns their storage keys.
 * One statement; rows another transaction holds (an attach in progress, another process's
 * cleanup) are skipped, and a row attached meanwhile is re-checked and kept.
 */
export async function deleteAbandonedUploads(db: Executor, cutoff: Date, limit: number): Promise<Array<Pick<UploadRow, 'storage_key' | 'thumbnail_key'>>> {
  return db
    .deleteFrom('uploads')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('uploads')
        .select('id')
        .where('attached_at', 'is', null)
        .where('created_at', '<', cutoff)
        .orderBy('created_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['storage_key', 'thumbnail_key'])
    .execute()
}
