import { sql } from 'kysely'
import { issueToken } from '../../src/auth/token'
import type { AppDeps } from '../../src/context'
import type { DatabaseHandle } from '../../src/db/client'
import { refreshRecommendations } from '../../src/recommendations/refresh'
import type { HttpCase } from './http-load'

/** At 1,000,000 storefronts: 200,000 people with 25 visits each (5M), scaled with the storefronts. */
const USERS_PER_MILLION = 200_000
const VISITS_PER_USER = 25
/** Each person's visits spread over this many places near their home (so they come back: repeat visits). */
const PLACES_PER_USER = 8
/** Every ORDER_EVERY-th visit is a redeemed (completed) order, the others storefront views. */
const ORDER_EVERY = 5
/** Places near a home: within this many places of it in H3-cell order (same or a neighbouring cell). */
const NEIGHBOURHOOD = 40
/** How many people the "user with history" case rotates over. */
const ROTATION = 2000

/**
 * People with history for the recommendations benchmark, loaded once per dataset (marker table
 * bench_recs_marker): min(200,000 × merchants / 1M) consumers, each with 25 visits over 8 places
 * near a home storefront (1 in 5 a completed cash order, the rest storefront views on distinct
 * days) in the last 50 days — real rows that signals.repository.ts and the refresh job read.
 * Views and orders carry no counters (no trigger to switch off); then the job's own refresh runs once.
 */
export async function loadRecommendationHistory(handle: DatabaseHandle, merchants: number, log: (m: string) => void): Promise<{ users: number; visits: number }> {
  const db = handle.db
  const users = Math.max(100, Math.round((USERS_PER_MILLION * merchants) / 1_000_000))
  const visits = users * VISITS_PER_USER
  const existing = await sql<{ users: number; visits: number }>`
    SELECT users, visits FROM bench_recs_marker WHERE EXISTS (SELECT 1 FROM storefront_views) AND EXISTS (SELECT 1 FROM storefront_similarity)`
    .execute(db).catch(() => null)
  if (existing?.rows[0]?.users === users) return existing.rows[0]
  const started = Date.now()
  await sql`DROP TABLE IF EXISTS bench_recs_marker`.execute(db)
  await sql`TRUNCATE storefront_views, recommendation_snapshots, hidden_storefronts`.execute(db)
  await sql`DELETE FROM orders WHERE consumer_id IN (SELECT id FROM users WHERE email LIKE 'recs%@bench.o2o')`.execute(db)
  await sql`DELETE FROM users WHERE email LIKE 'recs%@bench.o2o'`.execute(db)
  await sql`
    INSERT INTO users (email, name, role, password_hash)
    SELECT 'recs' || g || '@bench.o2o', 'Regular ' || g, 'consumer', 'x' FROM generate_series(1, ${users}) g`.execute(db)
  // Storefronts numbered in H3 cell order: neighbours in the numbering are neighbours on the map.
  await sql`CREATE TEMP TABLE recs_places AS SELECT row_number() OVER (ORDER BY h3_r7, id) - 1 AS k, id, currency FROM merchants WHERE status = 'active'`.execute(db)
  await sql`CREATE UNIQUE INDEX ON recs_places (k)`.execute(db)
  await sql`ANALYZE recs_places`.execute(db)
  // Visit v of a person goes to their place v % 8; place j lies j·(hash) % 40 places from home.
  await sql`
    CREATE TEMP TABLE recs_visits AS
    WITH people AS (
      SELECT id, (hashtext(email)::bigint & 2147483647) AS h FROM users WHERE email LIKE 'recs%@bench.o2o'
    ),
    n AS (SELECT count(*) AS places FROM recs_places)
    SELECT p.id AS user_id, v, ((p.h + ((p.h / 64 + (v % ${PLACES_PER_USER}) * 7) % ${NEIGHBOURHOOD})) % n.places) AS k,
      date_trunc('milliseconds', now() - v * interval '2 days' - (p.h % 36000) * interval '1 second') AS at
    FROM people p CROSS JOIN n CROSS JOIN generate_series(1, ${VISITS_PER_USER}) v`.execute(db)
  await sql`
    INSERT INTO orders (consumer_id, merchant_id, status, payment_provider, subtotal_cents, platform_fee_cents, total_cents, currency, created_at, updated_at)
    SELECT r.user_id, p.id, 'completed', 'cash', 3000, 150, 3000, p.currency, r.at, r.at
    FROM recs_visits r JOIN recs_places p ON p.k = r.k WHERE r.v % ${ORDER_EVERY} = 0`.execute(db)
  await sql`
    INSERT INTO storefront_views (user_id, merchant_id, day, viewed_at)
    SELECT r.user_id, p.id, (r.at AT TIME ZONE 'UTC')::date, r.at
    FROM recs_visits r JOIN recs_places p ON p.k = r.k WHERE r.v % ${ORDER_EVERY} <> 0`.execute(db)
  await sql`DROP TABLE recs_visits, recs_places`.execute(db)
  await sql`VACUUM (ANALYZE) storefront_views`.execute(db)
  await sql`VACUUM (ANALYZE) orders`.execute(db)
  log(`recommendation history written in ${((Date.now() - started) / 1000).toFixed(1)} s; refreshing similarity and popularity…`)
  const refreshed = Date.now()
  // No statement timeout for the one-off rebuild of a freshly loaded set (0 turns it off).
  const pairs = (await refreshRecommendations({ db, now: () => new Date(), config: { RECS_REFRESH_TIMEOUT_MS: 0 } } as unknown as AppDeps)) ?? 0
  await sql`VACUUM (ANALYZE) storefront_similarity`.execute(db)
  await sql`VACUUM (ANALYZE) storefront_popularity`.execute(db)
  await sql`VACUUM (ANALYZE) interest_group_fans`.execute(db)
  await sql`CREATE TABLE bench_recs_marker AS SELECT ${users}::int AS users, ${visits}::int AS visits`.execute(db)
  log(`refresh: ${pairs.toLocaleString()} similarity rows in ${((Date.now() - refreshed) / 1000).toFixed(1)} s; ` +
    `${users.toLocaleString()} people, ${visits.toLocaleString()} visits ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return { users, visits }
}

/**
 * "recommendations, user with history": the first page for one of 2,000 people with history, at
 * their most visited place; "recommendations, cold start": signed out, at the search query points.
 */
export async function recommendationCases(
  handle: DatabaseHandle, jwtSecret: string, merchants: number, points: ReadonlyArray<{ lat: number; lng: number }>, log: (m: string) => void,
): Promise<HttpCase[]> {
  await loadRecommendationHistory(handle, merchants, log)
  const people = await sql<{ user_id: string; lat: number; lng: number }>`
    WITH sample AS (SELECT id FROM users WHERE email LIKE 'recs%@bench.o2o' ORDER BY email LIMIT ${ROTATION})
    SELECT DISTINCT ON (v.user_id) v.user_id, m.lat, m.lng
    FROM sample s JOIN storefront_views v ON v.user_id = s.id JOIN merchants m ON m.id = v.merchant_id
    GROUP BY v.user_id, m.id, m.lat, m.lng ORDER BY v.user_id, count(*) DESC, m.id`.execute(handle.db)
  const tokens = await Promise.all(people.rows.map((p) => issueToken({ id: p.user_id, role: 'consumer' }, jwtSecret, 3600)))
  const near = (i: number) => points[i % points.length]!
  return [
    {
      name: 'recommendations, user with history',
      build: (i) => {
        const p = people.rows[i % people.rows.length]!
        return { path: `/v1/recommendations?lat=${p.lat}&lng=${p.lng}`, headers: { authorization: `Bearer ${tokens[i % tokens.length]}` } }
      },
    },
    { name: 'recommendations, cold start', build: (i) => ({ path: `/v1/recommendations?lat=${near(i).lat}&lng=${near(i).lng}` }) },
  ]
}
