import type { AppDeps, AuthUser } from '../context'
import { NotFoundError } from '../errors'
import { coverUrl } from '../merchants'
import { decodeQueryCursor, encodeQueryCursor } from '../search/query-cursor'
import { type GroupKey, interestGroup } from './interests.repository'
import { vocabularySet } from './profile.service'
import { DEFAULT_RADIUS_M } from './recommend'

function isGroupKey(k: unknown): k is GroupKey {
  return Array.isArray(k) && k.length === 3 && typeof k[0] === 'number' && typeof k[1] === 'number' && typeof k[2] === 'string' && /^[0-9a-f-]{36}$/i.test(k[2])
}

/** GET /v1/interests/:tag/storefronts: stores near the point that people with this interest go to most (minus those the viewer reported). */
export async function listInterestGroup(deps: AppDeps, viewer: AuthUser | undefined, tag: string, query: { lat: number; lng: number; radius_m?: number; limit?: number; cursor?: string }) {
  if (!(await vocabularySet(deps.db)).has(tag)) throw new NotFoundError(`'${tag}' is not an interest; see GET /v1/interests`, 'interest_not_found')
  const q = { tag, lat: query.lat, lng: query.lng, radiusMeters: query.radius_m ?? DEFAULT_RADIUS_M }
  const limit = query.limit ?? 20
  const after = query.cursor ? await decodeQueryCursor(deps.cursors, query.cursor, q, isGroupKey) : null
  const rows = await interestGroup(deps.db, q, after, limit + 1, { viewerId: viewer?.id ?? null })
  const shown = rows.slice(0, limit)
  const last = shown.at(-1)
  return {
    data: shown.map((r) => ({
      id: r.id, name: r.name, category: r.category, tags: r.tags, location: { lat: r.lat, lng: r.lng }, distance_m: Math.round(r.distance_mm / 1000),
      rating: r.rating_avg === null ? null : Number(r.rating_avg), review_count: r.review_count, cover_url: coverUrl(r.cover_key), fans: r.fans,
    })),
    next_cursor: rows.length > limit && last ? await encodeQueryCursor(deps.cursors, q, [-last.fans, last.distance_mm, last.id] satisfies GroupKey) : null,
  }
}
