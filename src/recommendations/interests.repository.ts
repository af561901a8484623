import { sql } from 'kysely'
import type { Executor } from '../db/database'
import type { StorefrontSummaryRow } from '../search/storefront-row'

/** The interests `userId` chose, alphabetically. */
export async function chosenInterests(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('user_interests').select('tag').where('user_id', '=', userId).orderBy('tag').execute()
  return rows.map((r) => r.tag)
}

/** Replaces the user's chosen interests with `tags` (call inside a transaction). */
export async function replaceInterests(db: Executor, userId: string, tags: readonly string[], now: Date): Promise<void> {
  await db.deleteFrom('user_interests').where('user_id', '=', userId).execute()
  if (tags.length > 0) await db.insertInto('user_interests').values(tags.map((tag) => ({ user_id: userId, tag, created_at: now })))
    // A concurrent replace may have inserted the same tag: the result is the same set.
    .onConflict((oc) => oc.columns(['user_id', 'tag']).doNothing()).execute()
}

/** A keyset position in an interest group: −fans, distance in mm, id. */
export type GroupKey = [number, number, string]

export interface GroupRow extends StorefrontSummaryRow {
  distance_mm: number
  fans: number
}

/**
 * Storefronts within the radius ordered by how many people with interest `tag` visited them: those
 * who chose it, and those (allowing personalisation) with paid orders at two or more storefronts
 * of that category or tag since they last cleared their history. With `viewerId`, storefronts that
 * viewer reported are left out.
 */
export async function interestGroup(
  db: Executor, q: { tag: string; lat: number; lng: number; radiusMeters: number }, after: GroupKey | null, limit: number, viewerId: string | null = null,
): Promise<GroupRow[]> {
  const point = sql`ST_SetSRID(ST_MakePoint(${q.lng}, ${q.lat}), 4326)::geography`
  const keyset = after ? sql`WHERE (-g.fans, g.distance_mm, g.id) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)` : sql``
  const result = await sql<GroupRow>`
    WITH fans AS (
      SELECT user_id FROM user_interests WHERE tag = ${q.tag}
      UNION
      SELECT o.consumer_id FROM orders o
        JOIN merchants m ON m.id = o.merchant_id JOIN users u ON u.id = o.consumer_id AND u.personalisation
      WHERE o.status IN ('paid', 'confirmed', 'completed') AND (m.category = ${q.tag} OR m.tags @> ARRAY[${q.tag}]::text[])
        AND o.created_at > coalesce(u.history_cleared_at, '-infinity'::timestamptz)
      GROUP BY o.consumer_id HAVING count(DISTINCT o.merchant_id) >= 2
    ),
    grouped AS (
      SELECT m.id, m.name, m.category, m.tags, m.lat, m.lng, m.cover_key, m.rating_avg, m.review_count,
        round(ST_Distance(m.location, ${point}) * 1000)::bigint AS distance_mm, count(DISTINCT o.consumer_id)::int AS fans
      FROM merchants m
        JOIN orders o ON o.merchant_id = m.id AND o.status IN ('paid', 'confirmed', 'completed')
        JOIN fans f ON f.user_id = o.consumer_id
      WHERE m.status = 'active' AND ST_DWithin(m.location, ${point}, ${q.radiusMeters})
        AND NOT EXISTS (SELECT 1 FROM storefront_reports r WHERE r.user_id = ${viewerId} AND r.merchant_id = m.id)
      GROUP BY m.id
    )
    SELECT * FROM grouped g ${keyset} ORDER BY -g.fans, g.distance_mm, g.id LIMIT ${limit}`.execute(db)
  return result.rows.map((r) => ({ ...r, distance_mm: Number(r.distance_mm), fans: Number(r.fans) }))
}
