import type { Executor } from '../db/database'
import { type GroupLeaderRow, groupLeaders } from './interests.repository'
import type { WeightedInterest } from './profile'
import type { InterestTerm } from './vocabulary'

/** How many of the user's interests (chosen first, then the strongest inferred) are looked up. */
export const GROUP_TAGS = 3
/** "Ranks high" in an interest group: fewer than GROUP_TOP storefronts near the point have more of its people, and at least GROUP_MIN_FANS went. */
export const GROUP_TOP = 10
export const GROUP_MIN_FANS = 2

/** Where a storefront stands in one of the user's interest groups (GET /v1/interests/:tag/storefronts). */
export interface GroupStanding {
  tag: string
  /** The interest's English name, for the reason's text. */
  name: string
  source: WeightedInterest['source']
  /** 1 + how many storefronts of the group within the radius have more of its people (ties share a rank). */
  rank: number
  fans: number
}

/**
 * The storefronts within the radius that rank high in one tag's group, from each cell's first
 * GROUP_TOP rows (`perCell`): a row's rank is 1 + the rows within the radius with more fans. It is
 * known only when no cell may hide such a row: a cell whose list is full (GROUP_TOP rows read)
 * and whose last row still has more fans may hold unread rows with more fans within the radius,
 * and then the row is left out (never given a rank better than the truth).
 */
export function standingsOfTag(rows: readonly GroupLeaderRow[], perCell = GROUP_TOP): Array<{ merchantId: string; rank: number; fans: number }> {
  // Per cell: how many rows were read and the fewest fans among them (the ceiling of its unread rows).
  const cells = new Map<number, { read: number; lowest: number }>()
  for (const r of rows) {
    const c = cells.get(r.cell)
    cells.set(r.cell, { read: (c?.read ?? 0) + 1, lowest: Math.min(c?.lowest ?? r.fans, r.fans) })
  }
  const out: Array<{ merchantId: string; rank: number; fans: number }> = []
  for (const r of rows) {
    if (!r.inside) continue
    const hidden = [...cells.values()].some((c) => c.read >= perCell && c.lowest > r.fans)
    const ahead = rows.reduce((n, other) => n + (other.inside && other.fans > r.fans ? 1 : 0), 0)
    if (!hidden && ahead < GROUP_TOP) out.push({ merchantId: r.merchant_id, rank: ahead + 1, fans: r.fans })
  }
  return out
}

/**
 * For each storefront high in one of the user's interest groups, its best standing (the first
 * interest that has it): the rows GET /v1/interests/:tag/storefronts lists at this point and
 * radius, with fewer than GROUP_TOP storefronts listed there with more people, as of the last refresh.
 */
export async function groupStandings(
  db: Executor, interests: readonly WeightedInterest[], terms: readonly InterestTerm[], q: { lat: number; lng: number; radiusMeters: number },
): Promise<Map<string, GroupStanding>> {
  const standings = new Map<string, GroupStanding>()
  const picked = interests.slice(0, GROUP_TAGS)
  if (picked.length === 0) return standings
  const rows = await groupLeaders(db, picked.map((i) => i.tag), q, GROUP_TOP, GROUP_MIN_FANS)
  for (const interest of picked) {
    const name = terms.find((t) => t.tag === interest.tag)?.name_en ?? interest.tag
    for (const s of standingsOfTag(rows.filter((r) => r.tag === interest.tag))) {
      if (!standings.has(s.merchantId)) standings.set(s.merchantId, { tag: interest.tag, name, source: interest.source, rank: s.rank, fans: s.fans })
    }
  }
  return standings
}
