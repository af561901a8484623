import { sql } from 'kysely'
import type { DatabaseHandle } from '../../src/db/client'
import type { HttpCase } from './http-load'

/** Synthetic diners who write the benchmark's reviews. */
const DINERS = 2000
/** Loaded in this many slices of the storefronts, so no statement queues millions of FK checks. */
const SLICES = 16

/**
 * ~5 reviews per storefront on average (each on its own completed order): most storefronts get
 * 0–8, one in a hundred is popular with 60–300, so deep pages exist. Written server-side with
 * INSERT … SELECT; the secondary indexes are rebuilt once at the end and the rating triggers
 * are replaced by one aggregate UPDATE, which leaves exactly what the triggers would.
 */
export async function loadReviews(handle: DatabaseHandle, log: (m: string) => void): Promise<void> {
  const db = handle.db
  const started = Date.now()
  await sql`
    INSERT INTO users (email, name, role, password_hash)
    SELECT 'diner' || g || '@bench.o2o', 'Diner ' || g, 'consumer', 'x' FROM generate_series(1, ${DINERS}) g`.execute(db)
  const indexes = await sql<{ indexname: string; indexdef: string }>`
    SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.tablename IN ('orders', 'reviews') AND i.indexname NOT IN (
      SELECT conname FROM pg_constraint WHERE conrelid IN ('orders'::regclass, 'reviews'::regclass))`.execute(db)
  for (const ix of indexes.rows) await sql`DROP INDEX ${sql.id(ix.indexname)}`.execute(db)
  await sql`ALTER TABLE reviews DISABLE TRIGGER reviews_ratings_insert`.execute(db)
  try {
    for (let slice = 0; slice < SLICES; slice++) {
      // Review count per storefront from a hash of its id: deterministic, ~5 on average.
      await sql`
        WITH diners AS (SELECT id, (row_number() OVER (ORDER BY id) - 1) % ${DINERS} AS k FROM users WHERE email LIKE 'diner%@bench.o2o'),
        picked AS (
          SELECT m.id AS merchant_id, m.currency, h,
            CASE WHEN h % 100 = 0 THEN 60 + h % 241 ELSE h % 9 END AS n
          FROM merchants m, LATERAL (SELECT hashtext(m.id::text)::bigint & 2147483647 AS h) x
          WHERE m.status = 'active' AND (hashtext(m.id::text || 's')::bigint & 2147483647) % ${SLICES} = ${slice}
        ),
        visits AS (
          SELECT gen_random_uuid() AS order_id, p.merchant_id, p.currency, d.id AS consumer_id,
            date_trunc('milliseconds', now() - (g * interval '37 hours') - (p.h % 3600) * interval '1 second') AS at,
            1 + (p.h / 7 + g * g) % 5 AS rating
          FROM picked p CROSS JOIN LATERAL generate_series(1, p.n) g JOIN diners d ON d.k = (p.h + g * 7919) % ${DINERS}
        ),
        orders_in AS (
          INSERT INTO orders (id, consumer_id, merchant_id, status, payment_provider, subtotal_cents, platform_fee_cents, total_cents, currency, created_at, updated_at)
          SELECT order_id, consumer_id, merchant_id, 'completed', 'cash', 2500, 125, 2500, currency, at - interval '1 hour', at FROM visits
          RETURNING id
        )
        INSERT INTO reviews (order_id, merchant_id, author_id, rating, text, visited_at, visit_items, created_at)
        SELECT v.order_id, v.merchant_id, v.consumer_id, v.rating, 'Benchmark review ' || v.rating || ' stars: friendly staff, would come back.',
          v.at, '[{"name":"Latte","quantity":1}]'::jsonb, v.at + interval '2 hours'
        FROM visits v JOIN orders_in o ON o.id = v.order_id`.execute(db)
    }
  } finally {
    await sql`ALTER TABLE reviews ENABLE TRIGGER reviews_ratings_insert`.execute(db)
  }
  log(`reviews written in ${((Date.now() - started) / 1000).toFixed(1)} s; building ${indexes.rows.length} indexes…`)
  for (const ix of indexes.rows) await sql.raw(ix.indexdef).execute(db)
  await sql`
    UPDATE merchants m SET
      rating_1_count = r.c1, rating_2_count = r.c2, rating_3_count = r.c3, rating_4_count = r.c4, rating_5_count = r.c5,
      review_count = r.n, rating_avg = round(r.avg, 2)
    FROM (
      SELECT merchant_id, count(*) AS n, avg(rating) AS avg,
        count(*) FILTER (WHERE rating = 1) AS c1, count(*) FILTER (WHERE rating = 2) AS c2, count(*) FILTER (WHERE rating = 3) AS c3,
        count(*) FILTER (WHERE rating = 4) AS c4, count(*) FILTER (WHERE rating = 5) AS c5
      FROM reviews WHERE hidden_at IS NULL GROUP BY merchant_id
    ) r
    WHERE m.id = r.merchant_id`.execute(db)
  const count = await sql<{ n: string }>`SELECT count(*) AS n FROM reviews`.execute(db)
  log(`${Number(count.rows[0]?.n).toLocaleString()} reviews ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

/**
 * Two cases: the first page of a storefront's reviews (any reviewed storefront), and a deep page
 * (page 6 of 10) of popular storefronts, reached through the API's own cursors beforehand.
 */
export async function reviewCases(handle: DatabaseHandle, baseUrl: string): Promise<HttpCase[]> {
  const db = handle.db
  const reviewed = await sql<{ id: string }>`SELECT id FROM merchants WHERE review_count > 0 ORDER BY id LIMIT 2000`.execute(db)
  const popular = await sql<{ id: string }>`SELECT id FROM merchants WHERE review_count >= 60 ORDER BY id LIMIT 100`.execute(db)
  const deep: string[] = []
  for (const { id } of popular.rows) {
    let path = `/v1/merchants/${id}/reviews?limit=10`
    for (let page = 0; page < 5; page++) {
      const body = (await (await fetch(`${baseUrl}${path}`)).json()) as { next_cursor: string | null }
      if (!body.next_cursor) break
      path = `/v1/merchants/${id}/reviews?limit=10&cursor=${encodeURIComponent(body.next_cursor)}`
    }
    deep.push(path)
  }
  const ids = reviewed.rows.map((r) => r.id)
  const cases: HttpCase[] = []
  if (ids.length > 0) cases.push({ name: 'reviews, first page', build: (i) => ({ path: `/v1/merchants/${ids[i % ids.length]}/reviews?limit=10` }) })
  if (deep.length > 0) cases.push({ name: 'reviews, deep page (6th)', build: (i) => ({ path: deep[i % deep.length]! }) })
  return cases
}
