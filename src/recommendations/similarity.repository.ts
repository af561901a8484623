import { sql } from 'kysely'
import type { Executor } from '../db/database'

/** How many storefronts of one user's history take part (their strongest), bounding the pair count. */
export const MAX_ITEMS_PER_USER = 100
/** How many neighbours each storefront keeps. */
export const NEIGHBOURS_PER_STOREFRONT = 50
/** Shrinkage: a pair seen by `co` people counts co / (co + SHRINK) of its cosine. */
export const SHRINK = 2

/**
 * Each (user, storefront) engagement weight from the users who allow personalisation, counting
 * only what happened since they last cleared their history: redeemed order 4, other paid order 3,
 * review ≥ 4 stars +2 (≤ 2 stars −4), follow 2, coupon claim 1, view 0.5; capped at 12.
 */
function engagement(since: Date) {
  return sql`
    WITH eligible AS (SELECT id, coalesce(history_cleared_at, '-infinity'::timestamptz) AS since FROM users WHERE personalisation),
    raw AS (
      SELECT o.consumer_id AS u, o.merchant_id AS m, CASE WHEN o.status = 'completed' THEN 4 ELSE 3 END::real AS w
        FROM orders o JOIN eligible e ON e.id = o.consumer_id
        WHERE o.status IN ('paid', 'confirmed', 'completed') AND o.created_at > e.since AND o.created_at > ${since}
      UNION ALL
      SELECT r.author_id, r.merchant_id, CASE WHEN r.rating >= 4 THEN 2 WHEN r.rating <= 2 THEN -4 ELSE 0 END::real
        FROM reviews r JOIN eligible e ON e.id = r.author_id WHERE r.created_at > e.since AND r.created_at > ${since}
      UNION ALL
      SELECT f.user_id, f.merchant_id, 2::real FROM follows f JOIN eligible e ON e.id = f.user_id WHERE f.created_at > e.since
      UNION ALL
      SELECT cc.user_id, c.merchant_id, 1::real FROM coupon_claims cc JOIN coupons c ON c.id = cc.coupon_id
        JOIN eligible e ON e.id = cc.user_id WHERE cc.claimed_at > e.since AND cc.claimed_at > ${since}
      UNION ALL
      SELECT v.user_id, v.merchant_id, 0.5::real FROM storefront_views v JOIN eligible e ON e.id = v.user_id
        WHERE v.viewed_at > e.since AND v.viewed_at > ${since}
    ),
    weights AS (SELECT u, m, least(sum(w), 12)::real AS w FROM raw GROUP BY u, m HAVING sum(w) > 0),
    top AS (
      SELECT u, m, w FROM (SELECT u, m, w, row_number() OVER (PARTITION BY u ORDER BY w DESC, m) AS rn FROM weights) x
      WHERE rn <= ${MAX_ITEMS_PER_USER}
    )`
}

/**
 * Rebuilds storefront_similarity: cosine similarity of the storefronts' visitor vectors (so a
 * place everyone visits is not similar to everything), shrunk towards 0 for pairs few people
 * share, keeping each storefront's best neighbours, each with the similar storefront's cell.
 * Run inside one transaction by the caller.
 */
export async function rebuildSimilarity(db: Executor, since: Date): Promise<number> {
  await sql`DELETE FROM storefront_similarity`.execute(db)
  const result = await sql`
    ${engagement(since)},
    norms AS (SELECT m, sqrt(sum(w * w)) AS norm FROM top GROUP BY m),
    pairs AS (
      SELECT a.m AS a, b.m AS b, sum(a.w * b.w) AS dot, count(*)::int AS co
      FROM top a JOIN top b ON a.u = b.u AND a.m <> b.m GROUP BY a.m, b.m
    ),
    scored AS (
      SELECT p.a, p.b, p.co, (p.dot / (na.norm * nb.norm)) * p.co / (p.co + ${SHRINK}::real) AS score
      FROM pairs p JOIN norms na ON na.m = p.a JOIN norms nb ON nb.m = p.b
    ),
    ranked AS (SELECT a, b, co, score, row_number() OVER (PARTITION BY a ORDER BY score DESC, b) AS rn FROM scored)
    INSERT INTO storefront_similarity (merchant_id, similar_id, score, co_visitors, similar_h3_r7)
    SELECT r.a, r.b, least(r.score, 1), r.co, m.h3_r7 FROM ranked r JOIN merchants m ON m.id = r.b
    WHERE r.rn <= ${NEIGHBOURS_PER_STOREFRONT} AND r.score > 0`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}

/** Rebuilds storefront_popularity: distinct visitors (paid orders) per active storefront since `since`, with its cell and place. */
export async function rebuildPopularity(db: Executor, since: Date, now: Date): Promise<void> {
  await sql`DELETE FROM storefront_popularity`.execute(db)
  await sql`
    INSERT INTO storefront_popularity (merchant_id, visitors, h3_r7, location, computed_at)
    SELECT v.merchant_id, v.visitors, m.h3_r7, m.location, ${now}::timestamptz
    FROM (
      SELECT merchant_id, count(DISTINCT consumer_id)::int AS visitors FROM orders
      WHERE status IN ('paid', 'confirmed', 'completed') AND created_at > ${since}
      GROUP BY merchant_id
    ) v JOIN merchants m ON m.id = v.merchant_id AND m.status = 'active'`.execute(db)
}

/** Drops ranked snapshots whose cursors have expired. */
export async function pruneSnapshots(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('recommendation_snapshots').where('expires_at', '<', now).execute()
}
