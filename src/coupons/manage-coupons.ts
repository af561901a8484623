import type { AppDeps, AuthUser } from '../context'
import type { Executor } from '../db/database'
import { withTransaction } from '../db/transaction'
import { decodePosition, pageOf } from '../http/keyset-page'
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../errors'
import { findOwnedMerchant, findVisibleMerchant } from '../merchants'
import { amountProblem } from '../money'
import * as offerings from '../offerings/offerings.repository'
import type { CouponRow, CouponStatus } from './coupon.table'
import { toCoupon } from './coupon-view'
import type { Coupon, CreateCouponInput, UpdateCouponInput } from './coupons.schemas'
import * as coupons from './coupons.repository'

const notFound = () => new NotFoundError('no coupon with this id', 'coupon_not_found')

function fail(errors: FieldError[]): never {
  const code = errors.some((e) => e.path === 'currency') ? 'currency_mismatch' : undefined
  throw new ValidationError(`the coupon cannot be saved: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors, code)
}

/** A coupon is in its storefront's currency, its amounts whole multiples of the currency's charge step. */
function moneyErrors(currency: string, input: CreateCouponInput): FieldError[] {
  const errors: FieldError[] = []
  if (input.currency !== undefined && input.currency !== currency) {
    errors.push({ path: 'currency', message: `must be the storefront's currency ${currency} (or left out to inherit it), not ${input.currency}` })
  }
  for (const field of ['amount_off_cents', 'max_discount_cents', 'min_spend_cents'] as const) {
    const problem = input[field] === undefined ? null : amountProblem(input[field], currency)
    if (problem) errors.push({ path: field, message: problem })
  }
  return errors
}

/**
 * Creates a campaign on a storefront its caller owns, in the storefront's currency; covered
 * offerings must be the storefront's own and on sale in that currency.
 */
export async function createCoupon(deps: AppDeps, user: AuthUser, merchantId: string, input: CreateCouponInput): Promise<Coupon> {
  // The storefront row stays locked so its currency cannot change under the new campaign.
  return withTransaction(deps.db, async (trx) => {
    const store = await findOwnedMerchant(trx, user, merchantId, { lock: true })
    const errors = moneyErrors(store.currency, input)
    for (const [i, id] of input.offering_ids.entries()) {
      const offering = await offerings.findOfferingById(trx, id)
      if (!offering || offering.merchant_id !== store.id) errors.push({ path: `offering_ids[${i}]`, message: 'is not an offering of this storefront' })
      else if (offering.currency !== store.currency) errors.push({ path: `offering_ids[${i}]`, message: `is priced in ${offering.currency}, not the storefront's ${store.currency}` })
    }
    if (Date.parse(input.ends_at) <= deps.now().getTime()) errors.push({ path: 'ends_at', message: 'is in the past' })
    if (errors.length > 0) fail(errors)
    return insert(trx, store.id, store.currency, input)
  })
}

async function insert(db: Executor, merchantId: string, currency: string, input: CreateCouponInput): Promise<Coupon> {
  const row = await coupons.insertCoupon(db, {
    merchant_id: merchantId,
    title: input.title,
    kind: input.kind,
    amount_off_cents: input.amount_off_cents ?? null,
    percent_off: input.percent_off ?? null,
    max_discount_cents: input.max_discount_cents ?? null,
    min_spend_cents: input.min_spend_cents,
    currency,
    starts_at: new Date(input.starts_at),
    ends_at: new Date(input.ends_at),
    total_quantity: input.total_quantity,
    per_user_limit: input.per_user_limit,
    new_customers_only: input.new_customers_only,
    offering_ids: [...new Set(input.offering_ids)],
  })
  return toCoupon(row, { claimed: 0, used: 0, discount_given_cents: 0, revenue_cents: 0 })
}

/** The campaign and its storefront when `user` owns it (NotFound/Forbidden otherwise). */
async function findOwnedCoupon(deps: AppDeps, user: AuthUser, id: string, lock = false): Promise<CouponRow> {
  const row = await coupons.findCoupon(deps.db, id)
  if (!row) throw notFound()
  await findOwnedMerchant(deps.db, user, row.merchant_id, { lock })
  return row
}

/**
 * Edits what does not change a claimed coupon's value: title, a later end, more quantity, a higher
 * per-user limit. The campaign row is locked first, so the checks see every committed claim (a
 * claim racing the edit cannot leave total_quantity below claimed_count).
 */
export async function updateCoupon(deps: AppDeps, user: AuthUser, id: string, patch: UpdateCouponInput): Promise<Coupon> {
  await findOwnedCoupon(deps, user, id)
  const row = await withTransaction(deps.db, async (trx) => {
    const current = await coupons.lockCoupon(trx, id)
    if (!current) throw notFound()
    const errors: FieldError[] = []
    if (current.status === 'ended') throw new ConflictError('this campaign has ended and can no longer change', 'coupon_ended')
    if (patch.ends_at && Date.parse(patch.ends_at) < current.ends_at.getTime()) errors.push({ path: 'ends_at', message: 'may only move later (claimed coupons keep their validity)' })
    if (patch.per_user_limit !== undefined && patch.per_user_limit < current.per_user_limit) errors.push({ path: 'per_user_limit', message: 'may only grow' })
    if (patch.total_quantity !== undefined && patch.total_quantity < current.claimed_count) {
      errors.push({ path: 'total_quantity', message: `must be at least the ${current.claimed_count} already claimed` })
    }
    if (errors.length > 0) fail(errors)
    return coupons.updateCoupon(trx, id, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.ends_at !== undefined ? { ends_at: new Date(patch.ends_at) } : {}),
      ...(patch.total_quantity !== undefined ? { total_quantity: patch.total_quantity } : {}),
      ...(patch.per_user_limit !== undefined ? { per_user_limit: patch.per_user_limit } : {}),
    })
  })
  if (!row) throw notFound()
  return (await withStats(deps, [row]))[0] as Coupon
}

const MOVES: Record<'pause' | 'resume' | 'end', { from: CouponStatus[]; to: CouponStatus }> = {
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  end: { from: ['active', 'paused'], to: 'ended' },
}

/** Pauses (no new claims), resumes, or ends a campaign early (wallet coupons of it expire). */
export async function moveCoupon(deps: AppDeps, user: AuthUser, id: string, move: keyof typeof MOVES): Promise<Coupon> {
  const current = await findOwnedCoupon(deps, user, id)
  const { from, to } = MOVES[move]
  const row = await withTransaction(deps.db, (trx) => coupons.setStatusGuarded(trx, id, from, to))
  if (!row) throw new ConflictError(`cannot ${move} a campaign that is ${current.status}`, 'coupon_status_conflict')
  return (await withStats(deps, [row]))[0] as Coupon
}

async function withStats(deps: AppDeps, rows: CouponRow[]): Promise<Coupon[]> {
  const stats = new Map((await coupons.couponStats(deps.db, rows.map((r) => r.id))).map((s) => [s.coupon_id, s]))
  return rows.map((row) => {
    const s = stats.get(row.id)
    return toCoupon(row, {
      claimed: row.claimed_count,
      used: Number(s?.used ?? 0),
      discount_given_cents: Number(s?.discount ?? 0),
      revenue_cents: Number(s?.revenue ?? 0),
    })
  })
}

/** One keyset page of a storefront's campaigns: all with their numbers for its owner, live ones for everyone else. */
export async function listCoupons(
  deps: AppDeps,
  viewer: AuthUser | undefined,
  merchantId: string,
  query: { cursor?: string; limit: number },
): Promise<{ data: Coupon[]; next_cursor: string | null }> {
  const store = await findVisibleMerchant(deps.db, viewer, merchantId)
  const isOwner = viewer?.id === store.owner_id
  const scope = `coupons:${store.id}:${isOwner ? 'all' : 'live'}`
  const after = await decodePosition(deps.cursors, query.cursor, scope)
  const rows = await coupons.listCoupons(deps.db, store.id, { liveAt: isOwner ? undefined : deps.now(), after, limit: query.limit + 1 })
  return pageOf(deps.cursors, rows, query.limit, scope, (page) => (isOwner ? withStats(deps, page) : page.map((row) => toCoupon(row))))
}
