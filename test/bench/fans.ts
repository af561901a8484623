import { sql } from 'kysely'
import { issueToken } from '../../src/auth/token'
import type { DatabaseHandle } from '../../src/db/client'
import { FEED_BACKFILL_ITEMS, FEED_PULL_FOLLOWERS } from '../../src/feed/feed-item.table'
import type { HttpCase } from './http-load'

/** Consumers who each follow FOLLOWED stores (the feed case rotates over them). */
const FANS = 8
const FOLLOWED = 1000
/** Storefronts with posts, and posts per storefront. */
const POSTING_STORES = 5000
const POSTS_PER_STORE = 5
/** Of the posting storefronts, every one runs a coupon campaign and every DEAL_EVERY-th sells a deal. */
const DEAL_EVERY = 2
/** Followers of the one popular storefront (scaled down in quick runs: never more than the merchants). */
export const POPULAR_FOLLOWERS = 100_000

/**
 * Fans for the feed benchmark, loaded once per dataset: FANS consumers following 1,000 of the
 * 5,000 posting storefronts each, and one storefront with min(100,000, merchants) followers. Bulk
 * loaded with the count trigger off; the counts, the pull switch and the inboxes are then set from
 * the rows (what the trigger keeps).
 */
export async function loadFans(handle: DatabaseHandle, merchants: number, log: (m: string) => void): Promise<{ popularId: string; followers: number }> {
  const db = handle.db
  const followers = Math.min(POPULAR_FOLLOWERS, merchants)
  const existing = await sql<{ merchant_id: string; n: number }>`
    SELECT k.merchant_id, k.follower_count AS n FROM bench_fans_marker k
    JOIN merchants m ON m.id = k.merchant_id AND m.follower_count = k.follower_count
    WHERE k.with_arms AND k.with_inbox`.execute(db).catch(() => null)
  if (existing?.rows[0] && existing.rows[0].n === followers) return { popularId: existing.rows[0].merchant_id, followers }
  const started = Date.now()
  await sql`DROP TABLE IF EXISTS bench_fans_marker`.execute(db)
  await sql`TRUNCATE follows, feed_inbox, merchant_follower_days, merchant_posts CASCADE`.execute(db)
  // After the follows are gone: deleting fans with their follows would run the follow trigger 100,000 times.
  await sql`DELETE FROM users WHERE email LIKE 'fan%@bench.o2o'`.execute(db)
  // TRUNCATE fires no row triggers: the posts' feed items go by hand; coupons and deals by DELETE.
  await sql`DELETE FROM store_feed_items WHERE kind = 'post'`.execute(db)
  await sql`DELETE FROM coupons WHERE title = 'Bench feed coupon'`.execute(db)
  await sql`DELETE FROM offerings WHERE name = 'Bench feed deal'`.execute(db)
  await sql`UPDATE merchants SET follower_count = 0, feed_pull = false WHERE follower_count <> 0 OR feed_pull`.execute(db)
  await sql`
    INSERT INTO users (email, name, role, password_hash)
    SELECT 'fan' || g || '@bench.o2o', 'Fan ' || g, 'consumer', 'x' FROM generate_series(1, ${Math.max(FANS, followers)}) g`.execute(db)
  await sql`CREATE TEMP TABLE posting AS SELECT id, owner_id, currency, row_number() OVER (ORDER BY id) AS k FROM merchants WHERE status = 'active' ORDER BY id LIMIT ${POSTING_STORES}`.execute(db)
  await sql`
    INSERT INTO merchant_posts (merchant_id, author_id, text, created_at)
    SELECT p.id, p.owner_id, 'Benchmark news ' || g, now() - ((p.k * 7 + g * 997) % 86400) * interval '1 minute'
    FROM posting p CROSS JOIN generate_series(1, ${POSTS_PER_STORE}) g`.execute(db)
  // The feed's other store arms, interleaved in time with the posts.
  await sql`
    INSERT INTO coupons (merchant_id, title, kind, amount_off_cents, currency, starts_at, ends_at, total_quantity, created_at)
    SELECT p.id, 'Bench feed coupon', 'amount_off', 500, p.currency, now() - interval '2 days', now() + interval '30 days', 100,
      now() - ((p.k * 13) % 86400) * interval '1 minute'
    FROM posting p`.execute(db)
  await sql`
    INSERT INTO offerings (merchant_id, name, kind, price_cents, currency, face_value_cents, created_at)
    SELECT p.id, 'Bench feed deal', 'voucher', 8000, p.currency, 10000, now() - ((p.k * 29) % 86400) * interval '1 minute'
    FROM posting p WHERE p.k % ${DEAL_EVERY} = 0`.execute(db)
  await sql`ALTER TABLE follows DISABLE TRIGGER follows_count`.execute(db)
  try {
    // Fan i follows 1,000 of the posting stores, a different slice each.
    await sql`
      INSERT INTO follows (user_id, merchant_id, created_at)
      SELECT u.id, p.id, now() - p.k * interval '1 minute'
      FROM (SELECT id, row_number() OVER (ORDER BY email) AS i FROM users WHERE email LIKE 'fan%@bench.o2o' AND email ~ '^fan[1-8]@') u
      JOIN posting p ON (p.k + u.i * 577) % ${POSTING_STORES} < ${FOLLOWED}`.execute(db)
    const popular = await sql<{ id: string }>`SELECT id FROM merchants WHERE status = 'active' AND id NOT IN (SELECT id FROM posting) ORDER BY id LIMIT 1`.execute(db)
    const popularId = popular.rows[0]?.id as string
    await sql`
      INSERT INTO follows (user_id, merchant_id, created_at)
      SELECT id, ${popularId}, now() - interval '1 day' FROM users WHERE email LIKE 'fan%@bench.o2o' ORDER BY email LIMIT ${followers}
      ON CONFLICT DO NOTHING`.execute(db)
    await sql`UPDATE merchants m SET follower_count = f.n FROM (SELECT merchant_id, count(*) AS n FROM follows GROUP BY merchant_id) f WHERE m.id = f.merchant_id`.execute(db)
    // What the trigger does follow by follow: the large store is pulled, the others pushed their
    // newest items into their followers' inboxes.
    await sql`UPDATE merchants SET feed_pull = true WHERE follower_count >= ${FEED_PULL_FOLLOWERS}`.execute(db)
    await sql`
      INSERT INTO feed_inbox (user_id, created_at, item_id, kind, merchant_id)
      SELECT f.user_id, i.created_at, i.item_id, i.kind, i.merchant_id
      FROM follows f JOIN merchants m ON m.id = f.merchant_id AND NOT m.feed_pull
      CROSS JOIN LATERAL (
        SELECT i.* FROM store_feed_items i WHERE i.merchant_id = f.merchant_id ORDER BY i.created_at DESC, i.item_id DESC LIMIT ${FEED_BACKFILL_ITEMS}
      ) i`.execute(db)
    await sql`CREATE TABLE bench_fans_marker AS SELECT ${popularId}::uuid AS merchant_id, ${followers}::int AS follower_count, true AS with_arms, true AS with_inbox`.execute(db)
    await sql`VACUUM (ANALYZE) follows`.execute(db)
    await sql`VACUUM (ANALYZE) merchant_posts`.execute(db)
    await sql`VACUUM (ANALYZE) store_feed_items`.execute(db)
    await sql`VACUUM (ANALYZE) feed_inbox`.execute(db)
    log(`fans ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${FANS} fans × ${FOLLOWED} stores (posts, coupons, deals), ${followers.toLocaleString()} followers of one store`)
    return { popularId, followers }
  } finally {
    await sql`ALTER TABLE follows ENABLE TRIGGER follows_count`.execute(db)
  }
}

/**
 * The feed cases: the first page for a consumer following 1,000 stores, a store with many
 * followers posting, and the feed of one of those followers right after.
 */
export async function fanCases(handle: DatabaseHandle, jwtSecret: string, merchants: number, log: (m: string) => void): Promise<HttpCase[]> {
  const { popularId, followers } = await loadFans(handle, merchants, log)
  const db = handle.db
  // Posts the post case left behind would be every fan's newest items (fans follow the popular store
  // too), so each run would measure a different feed than the last: each starts from the loaded posts.
  await sql`DELETE FROM merchant_posts WHERE merchant_id = ${popularId} AND text LIKE 'Bench post %'`.execute(db)
  const fans = await sql<{ id: string }>`SELECT id FROM users WHERE email ~ '^fan[1-8]@bench' ORDER BY email`.execute(db)
  const owner = await sql<{ owner_id: string }>`SELECT owner_id FROM merchants WHERE id = ${popularId}`.execute(db)
  const fanTokens = await Promise.all(fans.rows.map((f) => issueToken({ id: f.id, role: 'consumer' }, jwtSecret, 3600)))
  const followerRows = await sql<{ user_id: string }>`SELECT user_id FROM follows WHERE merchant_id = ${popularId} ORDER BY user_id DESC LIMIT 200`.execute(db)
  const followerTokens = await Promise.all(followerRows.rows.map((f) => issueToken({ id: f.user_id, role: 'consumer' }, jwtSecret, 3600)))
  const ownerToken = await issueToken({ id: owner.rows[0]?.owner_id as string, role: 'merchant' }, jwtSecret, 3600)
  const auth = (token: string) => ({ authorization: `Bearer ${token}` })
  const label = followers.toLocaleString('en-US')
  return [
    { name: `feed, ${FOLLOWED.toLocaleString('en-US')} followed stores`, build: (i) => ({ path: '/v1/feed?limit=20', headers: auth(fanTokens[i % fanTokens.length] as string) }) },
    {
      name: `post by a store with ${label} followers`,
      method: 'POST',
      build: (i) => ({ path: `/v1/merchants/${popularId}/posts`, body: JSON.stringify({ text: `Bench post ${i}` }), headers: { ...auth(ownerToken), 'content-type': 'application/json' } }),
    },
    { name: `feed of a follower of that store`, build: (i) => ({ path: '/v1/feed?limit=20', headers: auth(followerTokens[i % followerTokens.length] as string) }) },
  ]
}

/**
 * Once, outside the load: one post by the popular store and how long until it is first in a
 * follower's feed (a pulled store: the next read).
 */
export async function postVisibility(baseUrl: string, cases: HttpCase[]): Promise<number> {
  const [, postCase, followerFeed] = cases
  if (!postCase || !followerFeed) return Number.NaN
  const req = postCase.build(1_000_000_000)
  const started = performance.now()
  const posted = await fetch(`${baseUrl}${req.path}`, { method: 'POST', body: req.body, headers: req.headers })
  if (posted.status !== 201) throw new Error(`post for the visibility check answered ${posted.status}: ${await posted.text()}`)
  const { id } = (await posted.json()) as { id: string }
  const feed = followerFeed.build(7)
  for (let tries = 0; tries < 100; tries++) {
    const res = await fetch(`${baseUrl}${feed.path}`, { headers: feed.headers })
    if (res.status !== 200) throw new Error(`follower's feed answered ${res.status}: ${await res.text()}`)
    const body = (await res.json()) as { data: Array<{ id: string }> }
    if (body.data[0]?.id === id) return performance.now() - started
  }
  throw new Error("the post never reached the follower's feed")
}
