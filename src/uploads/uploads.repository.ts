import type { Executor } from '../db/database'
import { isUuid } from '../merchants/merchants.repository'
import type { UploadRow } from './upload.table'

/** The uploads among `ids` that `ownerId` made, in the order of `ids` (unknown or foreign ids are left out). */
export async function findOwnedUploads(db: Executor, ownerId: string, ids: readonly string[]): Promise<UploadRow[]> {
  const wanted = ids.filter(isUuid)
  if (wanted.length === 0) return []
  const rows = await db.selectFrom('uploads').selectAll().where('owner_id', '=', ownerId).where('id', 'in', wanted).execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return wanted.flatMap((id) => byId.get(id) ?? [])
}

/** Marks uploads as used so the cleanup of abandoned uploads keeps them. */
export async function markAttached(db: Executor, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return
  await db.updateTable('uploads').set({ attached_at: at }).where('id', 'in', [...ids]).where('attached_at', 'is', null).execute()
}
