import type { Executor } from '../db/database'
import { interestGroup } from './interests.repository'
import type { WeightedInterest } from './profile'
import { vocabulary } from './vocabulary'

/** How many of the user's interests (chosen first, then the strongest inferred) are looked up. */
export const GROUP_TAGS = 3
/** "Ranks high" in an interest group: among its first GROUP_TOP near the point, with at least GROUP_MIN_FANS people. */
export const GROUP_TOP = 10
export const GROUP_MIN_FANS = 2

/** Where a storefront stands in one of the user's interest groups (GET /v1/interests/:tag/storefronts). */
export interface GroupStanding {
  tag: string
  /** The interest's English name, for the reason's text. */
  name: string
  source: WeightedInterest['source']
  /** 1-based position in the group's list for the same point and radius. */
  rank: number
  fans: number
}

/**
 * For each storefront high in one of the user's interest groups, its best standing (the first
 * interest that has it). Reads exactly what GET /v1/interests/:tag/storefronts answers at this
 * point and radius for this viewer, so the reason points at rows the user can list themselves.
 */
export async function groupStandings(
  db: Executor, interests: readonly WeightedInterest[], q: { lat: number; lng: number; radiusMeters: number }, viewerId: string,
): Promise<Map<string, GroupStanding>> {
  const standings = new Map<string, GroupStanding>()
  const picked = interests.slice(0, GROUP_TAGS)
  if (picked.length === 0) return standings
  const [terms, ...groups] = await Promise.all([
    vocabulary(db),
    ...picked.map((i) => interestGroup(db, { tag: i.tag, ...q }, null, GROUP_TOP, { viewerId, minFans: GROUP_MIN_FANS })),
  ])
  picked.forEach((interest, i) => {
    const name = terms.find((t) => t.tag === interest.tag)?.name_en ?? interest.tag
    groups[i]!.forEach((row, at) => {
      if (!standings.has(row.id)) standings.set(row.id, { tag: interest.tag, name, source: interest.source, rank: at + 1, fans: row.fans })
    })
  })
  return standings
}
