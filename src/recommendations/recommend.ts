import type { AppDeps, AuthUser } from '../context'
import { ValidationError } from '../errors'
import { coverUrl } from '../merchants'
import { localWeekMinute, openShiftAt } from '../geo/hours'
import { type CandidateBase, type CandidateRow, findCandidates } from './candidates.repository'
import { groupStandings } from './group-standing'
import { loadProfile } from './profile.service'
import { diversify, rank, type RankProfile, type Ranked } from './rank'
import type { Recommendation } from './recommendations.schemas'
import * as signals from './signals.repository'
import * as snapshots from './snapshots.repository'
import type { WeightedInterest } from './profile'
import { type InterestTerm, recentVocabulary } from './vocabulary'

/** Default radius of GET /v1/recommendations. */
export const DEFAULT_RADIUS_M = 3000
/** How many of the nearest storefronts are always candidates. */
export const NEAREST_CANDIDATES = 50
/** A ranked snapshot keeps this many places and lives this long (a cursor then expires). */
export const SNAPSHOT_SIZE = 60
export const SNAPSHOT_TTL_MS = 30 * 60_000

interface RecommendationsQuery {
  lat: number
  lng: number
  radius_m?: number
  limit?: number
  cursor?: string
}

/** A snapshot's id and the position of the next page within its stored items. */
interface SnapshotCursor {
  s: string
  o: number
}

function invalidCursor(detail: string): ValidationError {
  return new ValidationError(detail, [{ path: 'cursor', message: detail }], 'invalid_cursor')
}

function toItem(r: Ranked): Recommendation {
  const row = r.row
  return {
    id: row.id, name: row.name, category: row.category, tags: row.tags, location: { lat: row.lat, lng: row.lng },
    distance_m: Math.round(row.distance_m), rating: row.rating_avg === null ? null : Number(row.rating_avg), review_count: row.review_count,
    cover_url: coverUrl(row.cover_key), open_now: row.open_now, score: r.score, reasons: r.reasons,
  }
}

/** Each candidate with whether it is open at `at` and the local hour (one clock reading per zone). */
function withClock(rows: readonly CandidateBase[], at: Date): CandidateRow[] {
  const clocks = new Map<string, { day: number; minute: number }>()
  return rows.map((r) => {
    let local = clocks.get(r.timezone)
    if (!local) {
      local = localWeekMinute(at, r.timezone)
      clocks.set(r.timezone, local)
    }
    return { ...r, open_now: openShiftAt(r.hours, local) !== undefined, local_hour: Math.floor(local.minute / 60) }
  })
}

/** Ranks the places near the point for `user` (or anyone, signed out): the whole snapshot (bench:recs calls it too). */
export async function rankFor(deps: AppDeps, user: AuthUser | undefined, q: { lat: number; lng: number; radiusMeters: number }) {
  const at = deps.now()
  let profile: RankProfile = { history: [], interests: [], coldStart: true }
  let excluded: string[] = []
  let personalised = false
  let terms: Promise<InterestTerm[]> | undefined
  if (user) {
    // One query: settings, interests, signals and what to leave out (the vocabulary is kept a minute).
    terms = recentVocabulary(deps.db)
    const p = await loadProfile(deps, user.id, { terms, excluded: { at, ownsStorefronts: user.role === 'merchant' } })
    const interests: WeightedInterest[] = [...p.chosen.map((tag) => ({ tag, source: 'chosen' as const, weight: 1 })), ...p.inferred]
    profile = { history: p.history, interests, coldStart: p.history.length === 0 }
    personalised = p.personalisation
    excluded = p.excluded
  }
  const sources = profile.history.slice(0, 50).map((a) => ({ id: a.merchantId, weight: a.weight }))
  const [all, groups] = await Promise.all([
    findCandidates(deps.db, { ...q, at, sources, interests: profile.interests.map((i) => i.tag), excluded, nearest: NEAREST_CANDIDATES }),
    // Group reasons come from other people's visits: only for users who allow personalisation.
    terms && personalised ? terms.then((vocab) => groupStandings(deps.db, profile.interests, vocab, q)) : undefined,
  ])
  // Opening hours are judged for every candidate in TypeScript (one clock reading per zone), then everyone is ranked.
  const ranked = diversify(rank(withClock(all, at), { ...profile, groups }, q.radiusMeters, at)).slice(0, SNAPSHOT_SIZE)
  return { items: ranked.map(toItem), coldStart: profile.coldStart }
}

/**
 * GET /v1/recommendations: the first page ranks afresh and, when more remain, keeps the ranked
 * list as a snapshot; the cursor then walks that same list (no repeats, no gaps) until it expires.
 */
export async function recommend(deps: AppDeps, user: AuthUser | undefined, query: RecommendationsQuery) {
  const limit = query.limit ?? 20
  const q = { lat: query.lat, lng: query.lng, radiusMeters: query.radius_m ?? DEFAULT_RADIUS_M }
  const queryHash = JSON.stringify([q.lat, q.lng, q.radiusMeters])
  if (query.cursor) {
    const cursor = await deps.cursors.decode<Partial<SnapshotCursor>>(query.cursor)
    if (typeof cursor?.s !== 'string' || typeof cursor.o !== 'number') throw invalidCursor('cursor is malformed or was altered; start again from the first page')
    const snapshot = await snapshots.findSnapshot(deps.db, cursor.s)
    // Unknown: pruned after expiring, or ended when the user cleared their history or turned personalisation off.
    if (!snapshot) throw invalidCursor('cursor has expired; start again from the first page')
    if (snapshot.user_id !== (user?.id ?? null) || snapshot.query_hash !== queryHash) {
      throw invalidCursor('cursor belongs to other recommendations; start again from the first page')
    }
    if (new Date(snapshot.expires_at) <= deps.now()) throw invalidCursor('cursor has expired; start again from the first page')
    const items = snapshot.items as Recommendation[]
    // A place reported or hidden since the snapshot was ranked leaves it at once (the page is shorter).
    const slice = items.slice(cursor.o, cursor.o + limit)
    const gone = user ? await signals.reportedOrHidden(deps.db, user.id, slice.map((i) => i.id)) : new Set<string>()
    const page = slice.filter((i) => !gone.has(i.id))
    const next = cursor.o + limit < items.length ? await deps.cursors.encode({ s: snapshot.id, o: cursor.o + limit } satisfies SnapshotCursor) : null
    return { data: page, next_cursor: next, cold_start: snapshot.cold_start }
  }
  const { items, coldStart } = await rankFor(deps, user, q)
  let next_cursor: string | null = null
  if (items.length > limit) {
    const now = deps.now()
    // Only what later pages show is kept (the cursor's offset counts within it).
    const id = await snapshots.insertSnapshot(deps.db, {
      user_id: user?.id ?? null, query_hash: queryHash, items: JSON.stringify(items.slice(limit)), cold_start: coldStart,
      created_at: now, expires_at: new Date(now.getTime() + SNAPSHOT_TTL_MS),
    })
    next_cursor = await deps.cursors.encode({ s: id, o: 0 } satisfies SnapshotCursor)
  }
  return { data: items.slice(0, limit), next_cursor, cold_start: coldStart }
}
