import type { Generated } from 'kysely'
import type { Executor } from '../db/database'

/** A stored request under an Idempotency-Key; `status` is null while the first request runs. */
export interface IdempotencyRequestTable {
  owner: string
  idempotency_key: string
  method: string
  path: string
  request_hash: string
  status: number | null
  content_type: string | null
  body: string | null
  created_at: Generated<Date>
}

/** Claims (owner, key) for this request; false when the key is already taken. */
export async function claimKey(db: Executor, row: Omit<IdempotencyRequestTable, 'status' | 'content_type' | 'body' | 'created_at'>): Promise<boolean> {
  const inserted = await db.insertInto('idempotency_requests').values(row).onConflict((oc) => oc.doNothing()).returning('owner').executeTakeFirst()
  return inserted !== undefined
}

/** The stored request under (owner, key). */
export async function findKey(db: Executor, owner: string, key: string) {
  return db.selectFrom('idempotency_requests').selectAll().where('owner', '=', owner).where('idempotency_key', '=', key).executeTakeFirst()
}

/** Stores the answer to replay. */
export async function completeKey(db: Executor, owner: string, key: string, answer: { status: number; content_type: string; body: string }): Promise<void> {
  await db.updateTable('idempotency_requests').set(answer).where('owner', '=', owner).where('idempotency_key', '=', key).execute()
}

/** Releases a claim whose request did not succeed, so the client may retry under the same key. */
export async function releaseKey(db: Executor, owner: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_requests').where('owner', '=', owner).where('idempotency_key', '=', key).where('status', 'is', null).execute()
}
