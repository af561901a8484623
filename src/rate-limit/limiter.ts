import type { AppDeps } from '../context'
import * as buckets from './rate-limit.repository'
import { sha256 } from '../http/digest'

/** A limit: at most `max` hits per `windowSeconds`, counted per key under the rule's `name`. */
export interface LimitRule {
  name: string
  max: number
  windowSeconds: number
}

/** One key's standing after a hit; what the RateLimit-* headers report. */
export interface LimitState {
  key: string
  limit: number
  remaining: number
  /** Seconds until the window ends and the count starts over. */
  resetSeconds: number
  allowed: boolean
  expiresAt: Date
}

const PRUNE_EVERY_MS = 60_000
const lastPrune = new WeakMap<object, number>()

/**
 * Counts one hit of `subject` against `rule` in the database and says whether it is allowed.
 * Every hit counts, refused ones too, so hammering keeps a key limited until its window ends.
 * @example const s = await consume(deps, { name: 'login-ip', max: 30, windowSeconds: 600 }, ip)
 */
export async function consume(deps: AppDeps, rule: LimitRule, subject: string): Promise<LimitState> {
  const now = deps.now()
  await pruneNow(deps, now)
  const key = `${rule.name}:${subject}`.slice(0, 200)
  const { hits, expiresAt } = await buckets.hit(deps.db, key, now, rule.windowSeconds * 1000)
  return {
    key,
    limit: rule.max,
    remaining: Math.max(0, rule.max - hits),
    resetSeconds: Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000)),
    allowed: hits <= rule.max,
    expiresAt,
  }
}

/** Gives back a hit that should not count after all (e.g. a redemption code that was right). */
export async function giveBack(deps: AppDeps, state: LimitState): Promise<void> {
  await buckets.refund(deps.db, state.key, state.expiresAt)
}

// Expired buckets are deleted at most once a minute per process, by whichever hit comes first.
async function pruneNow(deps: AppDeps, now: Date): Promise<void> {
  const last = lastPrune.get(deps.db) ?? 0
  if (now.getTime() - last < PRUNE_EVERY_MS && now.getTime() >= last) return
  lastPrune.set(deps.db, now.getTime())
  await buckets.pruneExpired(deps.db, now)
}

/** SHA-256 of `text`, base64url: keys by email without keeping addresses in the limiter's table. */
export async function digestKey(text: string): Promise<string> {
  const bytes = sha256(text)
  return btoa(String.fromCharCode(...bytes.subarray(0, 18))).replace(/\+/g, '-').replace(/\//g, '_')
}
