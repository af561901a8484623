import type { Kysely } from 'kysely'
import { hashPassword } from '../src/auth/password'
import type { Database } from '../src/db/database'
import { h3Columns } from '../src/geo/h3'
import { seedCouponsAndDeals } from './coupons'
import { bobStorefronts, DEMO_PASSWORD, demoAccounts } from './accounts'
import { DEMO_CITIES } from './cities'
import { DEMO_OWNER_COUNT, type DemoMerchant, generateDemo } from './generate'
import { seedFans } from './fans'
import { seedRecommendations } from './recommendations'
import { insertDemoReviews } from './insert-reviews'
import { demoDiners } from './reviews'
import { seedSplitOrder } from './splits'

export interface SeedResult {
  merchants: number
  cities: string[]
}

export interface SeedOptions {
  /** Skip entirely (return null) when any storefront exists, so a real data set is never mixed with demo rows. */
  onlyIfEmpty?: boolean
  log?: (message: string) => void
}

import { chunks } from './chunks'

/**
 * Loads the demo data set: demo accounts and ~2,450 active storefronts with offerings in Hangzhou,
 * Shanghai, New York and London, and real reviews by demo diners on completed orders (the
 * storefront ratings follow from them). Deterministic ids make it idempotent: running it again adds nothing.
 * @example await seedDemo(db, { onlyIfEmpty: true, log: console.log })
 */
export async function seedDemo(db: Kysely<Database>, options: SeedOptions = {}): Promise<SeedResult | null> {
  const log = options.log ?? (() => {})
  if (options.onlyIfEmpty && (await db.selectFrom('merchants').select('id').limit(1).executeTakeFirst())) return null

  const started = Date.now()
  const merchants = [...bobStorefronts(), ...generateDemo()]
  const { alice, bob, owners } = demoAccounts(DEMO_OWNER_COUNT)
  const diners = demoDiners()
  const accounts = [alice, bob, ...owners, ...diners]
  const passwordHash = await hashPassword(DEMO_PASSWORD)

  const inserted = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values(accounts.map((a) => ({ ...a, password_hash: passwordHash })))
      .onConflict((oc) => oc.doNothing())
      .execute()
    // An address registered before seeding keeps its account; storefronts attach to whatever id it has.
    const existing = await trx
      .selectFrom('users')
      .select(['id', 'email'])
      .where((eb) => eb(eb.fn('lower', ['email']), 'in', accounts.map((a) => a.email)))
      .execute()
    const idByEmail = new Map(existing.map((u) => [u.email.toLowerCase(), u.id]))
    const ownerId = (m: DemoMerchant) => {
      const email = m.owner === 'bob' ? bob.email : owners[m.owner]!.email
      return idByEmail.get(email) ?? (m.owner === 'bob' ? bob.id : owners[m.owner]!.id)
    }

    const fresh: DemoMerchant[] = []
    for (const batch of chunks(merchants)) {
      const rows = await trx
        .insertInto('merchants')
        .values(
          batch.map((m) => ({
            id: m.id,
            owner_id: ownerId(m),
            name: m.name,
            description: m.description,
            category: m.category,
            tags: m.tags,
            lat: m.lat,
            lng: m.lng,
            ...h3Columns(m.lat, m.lng),
            address: m.address,
            phone: m.phone,
            timezone: m.timezone,
            currency: m.currency,
            hours: JSON.stringify(m.hours),
            service_radius_m: m.service_radius_m,
            status: m.status,
          })),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute()
      const ids = new Set(rows.map((r) => r.id))
      fresh.push(...batch.filter((m) => ids.has(m.id)))
    }

    const offerings = fresh.flatMap((m) => m.offerings.map((o) => ({ ...o, currency: m.currency, merchant_id: m.id, description: null })))
    for (const batch of chunks(offerings)) {
      await trx.insertInto('offerings').values(batch).onConflict((oc) => oc.column('id').doNothing()).execute()
    }
    const reviewsStarted = Date.now()
    const reviews = await insertDemoReviews(trx, fresh, diners, ownerId, alice.id)
    log(`demo seed: ${reviews} reviews with their orders in ${((Date.now() - reviewsStarted) / 1000).toFixed(1)} s`)
    const fans = await seedFans(trx, { fresh, diners, aliceId: idByEmail.get(alice.email) ?? alice.id, ownerId })
    log(`demo seed: ${fans.follows} follows and ${fans.posts} store posts`)
    const perks = await seedCouponsAndDeals(trx, fresh)
    log(`demo seed: ${perks.coupons} live coupons and ${perks.deals} deals`)
    const friend = diners[0]
    const splits = friend ? await seedSplitOrder(trx, { fresh, aliceId: idByEmail.get(alice.email) ?? alice.id, friendId: idByEmail.get(friend.email) ?? friend.id }) : 0
    log(`demo seed: ${splits} open split order organised by Alice`)
    const recs = await seedRecommendations(trx, { fresh, diners, aliceId: idByEmail.get(alice.email) ?? alice.id })
    log(`demo seed: ${recs} orders of history behind the For you picks`)
    return { merchants: fresh.length, offerings: offerings.length, reviews }
  })

  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  log(`demo seed: ${inserted.merchants} new storefronts, ${inserted.offerings} offerings and ${inserted.reviews} reviews in ${seconds} s (${merchants.length} in the demo set)`)
  return { merchants: merchants.length, cities: DEMO_CITIES.map((c) => c.name) }
}
