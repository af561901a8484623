import { sql, type Updateable } from 'kysely'
import type { Executor } from '../db/database'
import type { CreatedPosition } from '../http/keyset-page'
import { isUuid } from '../db/uuid'
import type { H3Columns } from '../geo/h3'
import type { MerchantRow, MerchantTable, OpeningShift } from './merchant.table'

// Re-exported for the callers that import it from here; the check itself is neutral (src/db/uuid.ts).
export { isUuid }

/** A storefront row to insert; the H3 columns come from src/geo/h3.ts h3Columns. */
export interface NewMerchant extends H3Columns {
  owner_id: string
  name: string
  description: string | null
  category: string
  tags: string[]
  lat: number
  lng: number
  address: string | null
  phone: string | null
  timezone: string
  hours: OpeningShift[]
  service_radius_m: number | null
  /** ISO 4217; when absent the database takes the time zone's country's currency (USD if unknown). */
  currency?: string
  /** Storage key of the cover photo (the first of the storefront's photos). */
  cover_key?: string | null
}

/** Inserts a draft storefront. */
export async function insertMerchant(db: Executor, row: NewMerchant): Promise<MerchantRow> {
  return db
    .insertInto('merchants')
    .values({ ...row, hours: JSON.stringify(row.hours), status: 'draft' })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The storefront with this id, whatever its status; undefined for unknown or malformed ids. */
export async function findMerchantById(db: Executor, id: string): Promise<MerchantRow | undefined> {
  if (!isUuid(id)) return undefined
  return db.selectFrom('merchants').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Locks and returns the storefront row for the rest of the transaction. */
export async function lockMerchant(db: Executor, id: string): Promise<MerchantRow | undefined> {
  if (!isUuid(id)) return undefined
  return db.selectFrom('merchants').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/**
 * Up to `limit` storefronts `ownerId` owns, newest first, strictly after `after` (keyset). Times
 * compare at millisecond precision, the precision a cursor carries.
 */
export async function listMerchantsByOwner(db: Executor, ownerId: string, page: { after?: CreatedPosition; limit: number }): Promise<MerchantRow[]> {
  const created = sql`date_trunc('milliseconds', created_at)`
  let query = db.selectFrom('merchants').selectAll().where('owner_id', '=', ownerId)
  if (page.after) query = query.where(sql<boolean>`(${created}, id) < (${page.after.createdAt}::timestamptz, ${page.after.id}::uuid)`)
  return query.orderBy(created, 'desc').orderBy('id', 'desc').limit(page.limit).execute()
}

/** Columns a storefront edit may change. */
export type MerchantChanges = Omit<Updateable<MerchantTable>, 'hours' | 'id' | 'owner_id' | 'status'> & { hours?: OpeningShift[] }

/** Applies `changes` to the storefront when `ownerId` owns it; undefined otherwise. */
export async function updateMerchant(db: Executor, id: string, ownerId: string, changes: MerchantChanges): Promise<MerchantRow | undefined> {
  const { hours, ...rest } = changes
  return db
    .updateTable('merchants')
    .set({ ...rest, ...(hours ? { hours: JSON.stringify(hours) } : {}) })
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .returningAll()
    .executeTakeFirst()
}

/**
 * Makes the storefront active, but only while it has opening hours and an active offering, so
 * the rule holds even against a concurrent change; undefined when the guard did not pass.
 */
export async function activateMerchant(db: Executor, id: string, ownerId: string, now: Date): Promise<MerchantRow | undefined> {
  return db
    .updateTable('merchants')
    .set({ status: 'active', updated_at: now })
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .where(sql<boolean>`jsonb_array_length(hours) > 0`)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('offerings').select('offerings.id').whereRef('offerings.merchant_id', '=', 'merchants.id').where('offerings.active', '=', true)),
    )
    .returningAll()
    .executeTakeFirst()
}

/** Takes an active storefront off the map (back to draft); undefined unless it was active and `ownerId`'s. */
export async function unpublishMerchant(db: Executor, id: string, ownerId: string, now: Date): Promise<MerchantRow | undefined> {
  return db
    .updateTable('merchants')
    .set({ status: 'draft', updated_at: now })
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirst()
}

/**
 * Whether the storefront has something priced in its currency that a currency change would
 * reprice: an offering on sale or a coupon campaign that has not ended.
 */
export async function hasPricedInCurrency(db: Executor, id: string): Promise<boolean> {
  const onSale = await db.selectFrom('offerings').select('id').where('merchant_id', '=', id).where('active', '=', true).limit(1).executeTakeFirst()
  if (onSale) return true
  const live = await db.selectFrom('coupons').select('id').where('merchant_id', '=', id).where('status', '<>', 'ended').limit(1).executeTakeFirst()
  return live !== undefined
}

/** Time zone of each storefront in `ids` (for showing its times in its own UTC offset). */
export async function findTimeZones(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('merchants').select(['id', 'timezone']).where('id', 'in', [...new Set(ids)]).execute()
  return new Map(rows.map((r) => [r.id, r.timezone]))
}
