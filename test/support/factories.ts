import { sql } from 'kysely'
import type { Role } from '../../src/auth/user.table'
import { hashPassword } from '../../src/auth/password'
import { issueToken } from '../../src/auth/token'
import type { AppDeps } from '../../src/context'
import type { Executor } from '../../src/db/database'
import { h3Columns } from '../../src/geo/h3'
import type { MerchantStatus, OpeningShift } from '../../src/merchants/merchant.table'
import type { OfferingKind } from '../../src/offerings/offering.table'

export const TEST_PASSWORD = 'correct horse battery'
let passwordHash: Promise<string> | undefined
let seq = 0

export interface TestUser {
  id: string
  email: string
  role: Role
  token: string
}

/** Inserts a user (password TEST_PASSWORD) and returns it with a valid access token. */
export async function makeUser(deps: AppDeps, overrides: { role?: Role; email?: string; name?: string } = {}): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD)
  const n = ++seq
  const role = overrides.role ?? 'consumer'
  const row = await deps.db
    .insertInto('users')
    .values({
      email: overrides.email ?? `user${n}-${Math.random().toString(36).slice(2, 8)}@example.test`,
      name: overrides.name ?? `Test ${role} ${n}`,
      role,
      password_hash: await passwordHash,
    })
    .returning(['id', 'email', 'role'])
    .executeTakeFirstOrThrow()
  const token = await issueToken({ id: row.id, role: row.role }, deps.jwtSecret, 3600)
  return { ...row, token }
}

export const ALWAYS_OPEN: OpeningShift[] = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '00:00' }))

export interface MakeMerchant {
  owner_id?: string
  name?: string
  description?: string | null
  category?: string
  tags?: string[]
  lat?: number
  lng?: number
  timezone?: string
  /** ISO 4217; left out, the database takes the time zone's (CNY for the default Asia/Shanghai). */
  currency?: string
  hours?: OpeningShift[]
  status?: MerchantStatus
  service_radius_m?: number | null
  /** Average stars (1–5); give it with review_count > 0, or leave both out for an unreviewed shop. */
  rating_avg?: number | null
  review_count?: number
}

/** Inserts a storefront (active, always open, in Hangzhou by default) straight into the database. */
export async function makeMerchant(db: Executor, overrides: MakeMerchant = {}) {
  const owner_id = overrides.owner_id ?? (await insertOwner(db))
  const lat = overrides.lat ?? 30.2741
  const lng = overrides.lng ?? 120.1551
  const row = await db
    .insertInto('merchants')
    .values({
      owner_id,
      name: overrides.name ?? `Shop ${++seq}`,
      description: overrides.description ?? null,
      category: overrides.category ?? 'coffee',
      tags: overrides.tags ?? [],
      lat,
      lng,
      ...h3Columns(lat, lng),
      address: null,
      phone: null,
      timezone: overrides.timezone ?? 'Asia/Shanghai',
      ...(overrides.currency ? { currency: overrides.currency } : {}),
      hours: JSON.stringify(overrides.hours ?? ALWAYS_OPEN),
      service_radius_m: overrides.service_radius_m ?? null,
      status: overrides.status ?? 'active',
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  if (overrides.review_count === undefined) return row
  // Ratings are normally derived from reviews by triggers; search tests pin an average directly
  // (the histogram puts every review at the nearest star, enough for the count CHECK).
  const star = Math.min(5, Math.max(1, Math.round(overrides.rating_avg ?? 5))) as 1 | 2 | 3 | 4 | 5
  return db
    .updateTable('merchants')
    .set({
      rating_avg: overrides.rating_avg == null ? null : String(overrides.rating_avg),
      review_count: overrides.review_count,
      [`rating_${star}_count`]: overrides.review_count,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

async function insertOwner(db: Executor): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({ email: `owner${++seq}-${Math.random().toString(36).slice(2, 8)}@example.test`, name: 'Owner', role: 'merchant', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Inserts an offering for `merchant_id` (an active 30-minute service in the storefront's currency by default). */
export async function makeOffering(
  db: Executor,
  merchant_id: string,
  overrides: { name?: string; kind?: OfferingKind; price_cents?: number; currency?: string; duration_min?: number | null; capacity?: number; active?: boolean } = {},
) {
  const kind = overrides.kind ?? 'service'
  return db
    .insertInto('offerings')
    .values({
      merchant_id,
      name: overrides.name ?? `Offering ${++seq}`,
      description: null,
      kind,
      price_cents: overrides.price_cents ?? 2500,
      currency: overrides.currency ?? sql<string>`(SELECT currency FROM merchants WHERE id = ${merchant_id})`,
      duration_min: overrides.duration_min === undefined ? (kind === 'service' ? 30 : null) : overrides.duration_min,
      capacity: overrides.capacity ?? 1,
      active: overrides.active ?? true,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}
