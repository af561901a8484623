import { sql } from 'kysely'
import { PREPARED, rowCount } from '../db/client'
import type { Executor } from '../db/database'
import type { StorefrontSummaryRow } from '../search/storefront-row'
import { cellWalk, pgArray } from './candidates.repository'

/** Interest groups are stored and read by storefront cell at this resolution (migration 0029). */
const GROUP_CELL_RESOLUTION = 7

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

/** One of a cell's most-fanned storefronts in an interest group (groupLeaders). */
export interface GroupLeaderRow {
  tag: string
  /** The cell's position in the walk (rows of one cell share it). */
  cell: number
  merchant_id: string
  fans: number
  /** Whether the storefront (at its place as of the refresh) lies within the radius. */
  inside: boolean
}

/**
 * For each tag, each cell's first `perCell` rows by fans (at least `minFans`) among the group's
 * storefronts in the cells that can hold a point of the circle, as of the last refresh, each with
 * whether it lies within the radius. Read from the index (tag, cell, fans ↓) alone, a fixed number
 * of rows per cell: the distance is measured for those rows only, never for a whole edge cell.
 * Rows of a cell that were not read have no more fans than its last read row.
 */
export async function groupLeaders(
  db: Executor, tags: readonly string[], q: { lat: number; lng: number; radiusMeters: number }, perCell: number, minFans: number,
): Promise<GroupLeaderRow[]> {
  if (tags.length === 0) return []
  const walk = cellWalk(q, GROUP_CELL_RESOLUTION)
  const result = await sql<GroupLeaderRow>`${sql.raw(PREPARED)}
    SELECT t.tag, c.n::int AS cell, x.merchant_id, x.fans, ${walk.near(sql`x.location`)} AS inside
    FROM unnest(${pgArray(tags)}::text[]) AS t(tag) CROSS JOIN ${walk.cells}
    CROSS JOIN LATERAL (
      SELECT g.merchant_id, g.fans, g.location FROM interest_group_fans g
      WHERE g.tag = t.tag AND g.h3_r7 = c.cell AND g.fans >= ${minFans}
      ORDER BY g.fans DESC LIMIT ${rowCount(perCell)}
    ) x`.execute(db)
  return result.rows
}

/** A keyset position in an interest group: −fans, distance in mm, id. */
export type GroupKey = [number, number, string]

export interface GroupRow extends StorefrontSummaryRow {
  distance_mm: number
  fans: number
}

/** Orders that count as going somewhere (as signals.VISIT_STATUSES). */
const VISITED = sql`('paid', 'confirmed', 'completed')`

/**
 * Rebuilds interest_group_fans for every tag of the vocabulary: per storefront, how many people
 * with that interest went there — people who chose it, and those (allowing personalisation) with
 * orders at two or more storefronts of that category or tag since they last cleared their history.
 * Call inside the refresh transaction (readers keep the old rows until it commits).
 */
export async function rebuildInterestGroups(db: Executor, tags: readonly string[], now: Date): Promise<void> {
  await sql`DELETE FROM interest_group_fans`.execute(db)
  await sql`
    WITH vocab AS (SELECT unnest(${pgArray(tags)}::text[]) AS tag),
    fans AS (
      SELECT ui.user_id, ui.tag FROM user_interests ui JOIN vocab v ON v.tag = ui.tag
      UNION
      SELECT o.consumer_id, t.tag FROM orders o
        JOIN merchants m ON m.id = o.merchant_id JOIN users u ON u.id = o.consumer_id AND u.personalisation
        CROSS JOIN LATERAL unnest(array_append(m.tags, m.category)) AS t(tag) JOIN vocab v ON v.tag = t.tag
      WHERE o.status IN ${VISITED} AND o.created_at > coalesce(u.history_cleared_at, '-infinity'::timestamptz)
      GROUP BY o.consumer_id, t.tag HAVING count(DISTINCT o.merchant_id) >= 2
    )
    INSERT INTO interest_group_fans (tag, merchant_id, fans, h3_r7, location, computed_at)
    SELECT g.tag, g.merchant_id, g.fans, m.h3_r7, m.location, ${now}::timestamptz
    FROM (
      SELECT f.tag, o.merchant_id, count(DISTINCT o.consumer_id)::int AS fans
      FROM orders o JOIN fans f ON f.user_id = o.consumer_id
      WHERE o.status IN ${VISITED}
      GROUP BY f.tag, o.merchant_id
    ) g JOIN merchants m ON m.id = g.merchant_id`.execute(db)
}

/**
 * Active storefronts within the radius ordered by how many people with interest `tag` went there
 * (interest_group_fans, as last refreshed), then distance and id. With `viewerId`, storefronts that
 * viewer reported are left out.
 *
 * Read cell by cell (the resolution-7 cells that can hold a point of the circle, by the storefront's
 * cell at the last refresh): each cell's first `limit` in that order, walking its index by fans
 * and stopping there, then the first `limit` of them all. Exact, since every row of the answer is
 * among the first `limit` of its own cell. Cells and distances are those of the storefront's place
 * at the last refresh, as the fans are (a storefront that moved since is placed anew then).
 */
export async function interestGroup(
  db: Executor, q: { tag: string; lat: number; lng: number; radiusMeters: number }, after: GroupKey | null, limit: number,
  options: { viewerId?: string | null } = {},
): Promise<GroupRow[]> {
  const point = sql`ST_SetSRID(ST_MakePoint(${q.lng}, ${q.lat}), 4326)::geography`
  const keyset = after ? sql`AND (-g.fans, g.distance_mm, m.id) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)` : sql``
  const walk = cellWalk(q, GROUP_CELL_RESOLUTION)
  // Prepared, the page size in the text (a parameter there keeps the planner from settling on one plan).
  const pageSize = rowCount(limit)
  const result = await sql<GroupRow>`${sql.raw(PREPARED)}
    SELECT x.* FROM ${walk.cells}
    CROSS JOIN LATERAL (
      SELECT m.id, m.name, m.category, m.tags, m.lat, m.lng, m.cover_key, m.rating_avg, m.review_count, g.distance_mm, g.fans
      -- The cell's group in fans order from the index alone (storefront and place included), each
      -- storefront then looked up by id: the sort below is incremental, so the walk stops once
      -- \`limit\` rows and their fans tier are in. Cells wholly inside the circle need no distance test.
      FROM (
        SELECT g.merchant_id, g.fans, round(ST_Distance(g.location, ${point}) * 1000)::bigint AS distance_mm FROM interest_group_fans g
        WHERE g.tag = ${q.tag} AND g.h3_r7 = c.cell
          AND ${walk.near(sql`g.location`)}
        ORDER BY g.fans DESC
      ) g
      CROSS JOIN LATERAL (
        SELECT m.* FROM merchants m
        WHERE m.id = g.merchant_id AND m.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM storefront_reports r WHERE r.user_id = ${options.viewerId ?? null} AND r.merchant_id = m.id)
        OFFSET 0
      ) m
      WHERE true ${keyset}
      ORDER BY g.fans DESC, g.distance_mm, m.id LIMIT ${pageSize}
    ) x
    ORDER BY -x.fans, x.distance_mm, x.id LIMIT ${pageSize}`.execute(db)
  return result.rows.map((r) => ({ ...r, distance_mm: Number(r.distance_mm), fans: Number(r.fans) }))
}
