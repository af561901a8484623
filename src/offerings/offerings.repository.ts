import { type Insertable, sql, type Updateable } from 'kysely'
import type { Executor } from '../db/database'
import type { CreatedPosition } from '../http/keyset-page'
import { isUuid } from '../merchants/merchants.repository'
import type { OfferingRow, OfferingTable } from './offering.table'

/** Inserts an offering. */
export async function insertOffering(db: Executor, row: Insertable<OfferingTable>): Promise<OfferingRow> {
  return db.insertInto('offerings').values(row).returningAll().executeTakeFirstOrThrow()
}

/** The offering with this id, active or not; undefined for unknown or malformed ids. */
export async function findOfferingById(db: Executor, id: string): Promise<OfferingRow | undefined> {
  if (!isUuid(id)) return undefined
  return db.selectFrom('offerings').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The offering row, locked until the transaction ends: orders taking its deal stock wait, and it sees theirs. */
export async function lockOffering(db: Executor, id: string): Promise<OfferingRow | undefined> {
  return db.selectFrom('offerings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/**
 * Up to `limit` of a storefront's offerings, oldest first, strictly after `after` (keyset at the
 * millisecond precision a cursor carries); only active ones unless `includeInactive`.
 */
export async function listOfferingsOf(
  db: Executor,
  merchantId: string,
  options: { includeInactive: boolean; after?: CreatedPosition; limit: number },
): Promise<OfferingRow[]> {
  const created = sql`date_trunc('milliseconds', created_at)`
  let query = db.selectFrom('offerings').selectAll().where('merchant_id', '=', merchantId)
  if (!options.includeInactive) query = query.where('active', '=', true)
  if (options.after) query = query.where(sql<boolean>`(${created}, id) > (${options.after.createdAt}::timestamptz, ${options.after.id}::uuid)`)
  return query.orderBy(created).orderBy('id').limit(options.limit).execute()
}

/** Whether the storefront has at least one active offering (other than `exceptId`, when given). */
export async function hasActiveOffering(db: Executor, merchantId: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('offerings').select('id').where('merchant_id', '=', merchantId).where('active', '=', true)
  if (exceptId) query = query.where('id', '<>', exceptId)
  return (await query.limit(1).executeTakeFirst()) !== undefined
}

/** Applies `changes` to the offering and returns it. */
export async function updateOffering(
  db: Executor,
  id: string,
  changes: Omit<Updateable<OfferingTable>, 'id' | 'merchant_id' | 'kind'>,
): Promise<OfferingRow | undefined> {
  return db.updateTable('offerings').set(changes).where('id', '=', id).returningAll().executeTakeFirst()
}
