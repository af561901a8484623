import type { AppDeps, AuthUser } from '../context'
import type { Executor } from '../db/database'
import { withTransaction } from '../db/transaction'
import { decodePosition, pageOf } from '../http/keyset-page'
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../errors'
import { assertOwner, findOwnedMerchant } from '../merchants/merchants.service'
import { readStorefront } from '../merchants/storefront-reads'
import * as merchants from '../merchants/merchants.repository'
import type { MerchantRow } from '../merchants/merchant.table'
import type { OfferingKind, OfferingRow } from './offering.table'
import { dealErrors, toDeal } from '../deals/deal-view'
import { amountProblem } from '../money'
import type { CreateOfferingInput, Offering, UpdateOfferingInput } from './offerings.schemas'
import * as offerings from './offerings.repository'

/** The public shape of an offering row. */
export function toOffering(row: OfferingRow): Offering {
  return {
    id: row.id,
    merchant_id: row.merchant_id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    price_cents: Number(row.price_cents),
    currency: row.currency,
    duration_min: row.duration_min,
    capacity: row.capacity,
    active: row.active,
    deal: toDeal(row),
  }
}

/** Services are booked by time slot, so they need a duration; nothing else has one. */
function kindErrors(kind: OfferingKind, durationMin: number | null | undefined): FieldError[] {
  if (kind === 'service') return durationMin == null ? [{ path: 'duration_min', message: 'is required for services' }] : []
  return durationMin == null ? [] : [{ path: 'duration_min', message: `only services have a duration, not a ${kind}` }]
}

function fail(errors: FieldError[]): never {
  // A price in the wrong currency has its own problem type, so clients can tell it apart.
  const code = errors.some((e) => e.path === 'currency') ? 'currency_mismatch' : undefined
  throw new ValidationError(`Invalid offering: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors, code)
}

/**
 * An offering is priced in its storefront's currency: `currency`, when sent, must be it, and the
 * amounts must be whole multiples of the currency's charge step (10 fils in KWD…).
 */
function moneyErrors(storefrontCurrency: string, sent: { currency?: string; price_cents?: number; face_value_cents?: number | null }): FieldError[] {
  const errors: FieldError[] = []
  if (sent.currency !== undefined && sent.currency !== storefrontCurrency) {
    errors.push({ path: 'currency', message: `must be the storefront's currency ${storefrontCurrency} (or left out to inherit it), not ${sent.currency}` })
  }
  for (const field of ['price_cents', 'face_value_cents'] as const) {
    const amount = sent[field]
    const problem = amount == null ? null : amountProblem(amount, storefrontCurrency)
    if (problem) errors.push({ path: field, message: problem })
  }
  return errors
}

const notFound = () => new NotFoundError('no offering with this id', 'offering_not_found')

/**
 * The offering and its storefront, when `user` owns them. Others get NotFoundError when they
 * cannot see the offering (a draft storefront or an inactive offering) and ForbiddenError otherwise.
 */
export async function findOwnedOffering(db: Executor, user: Pick<AuthUser, 'id'>, id: string): Promise<{ offering: OfferingRow; merchant: MerchantRow }> {
  const offering = await offerings.findOfferingById(db, id)
  const merchant = offering && (await merchants.findMerchantById(db, offering.merchant_id))
  if (!offering || !merchant) throw notFound()
  if (merchant.owner_id !== user.id && !offering.active) throw notFound()
  assertOwner(merchant, user)
  return { offering, merchant }
}

/** Adds an offering to a storefront `user` owns. */
export async function createOffering(deps: AppDeps, user: AuthUser, merchantId: string, input: CreateOfferingInput): Promise<Offering> {
  // The storefront row stays locked so its currency cannot change under the new offering.
  return withTransaction(deps.db, async (trx) => {
    const merchant = await findOwnedMerchant(trx, user, merchantId, { lock: true })
    const errors = [
      ...moneyErrors(merchant.currency, input),
      ...kindErrors(input.kind, input.duration_min),
      ...dealErrors({ ...input, face_value_cents: input.face_value_cents ?? null, stock: input.stock ?? null, valid_until: input.valid_until ?? null }),
    ]
    if (errors.length > 0) fail(errors)
    const row = await offerings.insertOffering(trx, {
      merchant_id: merchant.id,
      name: input.name,
      description: input.description ?? null,
      kind: input.kind,
      price_cents: input.price_cents,
      currency: merchant.currency,
      duration_min: input.duration_min ?? null,
      capacity: input.capacity ?? 1,
      face_value_cents: input.face_value_cents ?? null,
      stock: input.stock ?? null,
      valid_until: input.valid_until ? new Date(input.valid_until) : null,
    })
    return toOffering(row)
  })
}

/** One keyset page of a storefront's offerings as `viewer` may see them: the owner sees inactive ones too. */
export async function listOfferings(
  deps: AppDeps,
  viewer: AuthUser | undefined,
  merchantId: string,
  query: { cursor?: string; limit: number },
): Promise<{ data: Offering[]; next_cursor: string | null }> {
  // The owner (who sees withdrawn offerings too) reads the primary; everyone else a replica.
  const { merchant, db } = await readStorefront(deps, viewer, merchantId)
  const includeInactive = merchant.owner_id === viewer?.id
  // The owner's list (with inactive offerings) and the public one page differently: separate cursors.
  const scope = `offerings:${merchant.id}:${includeInactive ? 'all' : 'active'}`
  const after = await decodePosition(deps.cursors, query.cursor, scope)
  const rows = await offerings.listOfferingsOf(db, merchant.id, { includeInactive, after, limit: query.limit + 1 })
  return pageOf(deps.cursors, rows, query.limit, scope, (page) => page.map(toOffering))
}

/**
 * An active storefront keeps at least one active offering: withdrawing the last one is a 409.
 * The storefront row is locked first, so two withdrawals (or a withdrawal and a publish) run one
 * after the other and the second sees what the first did.
 */
async function assertNotLastOnSale(trx: Executor, user: AuthUser, offering: OfferingRow): Promise<void> {
  const merchant = await findOwnedMerchant(trx, user, offering.merchant_id, { lock: true })
  if (merchant.status !== 'active' || (await offerings.hasActiveOffering(trx, merchant.id, offering.id))) return
  throw new ConflictError(
    'this is the last active offering of a published storefront, which must keep something to sell: add another offering first, or unpublish the storefront (POST /v1/merchants/{id}/unpublish)',
    'last_active_offering',
  )
}

/**
 * An offering left in another currency (taken off sale when its storefront's currency was set)
 * goes back on sale only re-priced: currency and price_cents in the storefront's currency together.
 */
function repriceErrors(offering: OfferingRow, storefrontCurrency: string, patch: UpdateOfferingInput, onSale: boolean): FieldError[] {
  const currency = patch.currency ?? offering.currency
  if (currency !== offering.currency && patch.price_cents === undefined) {
    return [{ path: 'price_cents', message: `is required with a new currency: the price is ${offering.price_cents} in ${offering.currency}` }]
  }
  if (onSale && currency !== storefrontCurrency) {
    return [{ path: 'currency', message: `is ${offering.currency} but the storefront sells in ${storefrontCurrency}: send currency ${storefrontCurrency} with a price_cents in it to put this offering on sale` }]
  }
  return []
}

/** Changes the given fields of an offering `user` owns; see assertNotLastOnSale for withdrawals. */
export async function updateOffering(deps: AppDeps, user: AuthUser, id: string, patch: UpdateOfferingInput): Promise<Offering> {
  return withTransaction(deps.db, async (trx) => {
    const { offering } = await findOwnedOffering(trx, user, id)
    if (patch.active === false && offering.active) await assertNotLastOnSale(trx, user, offering)
    const onSale = patch.active ?? offering.active
    // Locked when it stays on sale, so the storefront's currency cannot change meanwhile.
    const merchant = onSale ? await merchants.lockMerchant(trx, offering.merchant_id) : await merchants.findMerchantById(trx, offering.merchant_id)
    if (!merchant) throw notFound()
    // Locked after the storefront (the order every writer takes), so sold_count below is current.
    const soldCount = (await offerings.lockOffering(trx, offering.id))?.sold_count ?? offering.sold_count
    const money = moneyErrors(merchant.currency, patch)
    const errors = [
      ...money,
      ...(money.some((e) => e.path === 'currency') ? [] : repriceErrors(offering, merchant.currency, patch, onSale)),
      ...kindErrors(offering.kind, patch.duration_min === undefined ? offering.duration_min : patch.duration_min),
      ...dealErrors({
        kind: offering.kind,
        price_cents: patch.price_cents ?? Number(offering.price_cents),
        face_value_cents: patch.face_value_cents === undefined ? offering.face_value_cents : patch.face_value_cents,
        stock: patch.stock === undefined ? offering.stock : patch.stock,
        valid_until: patch.valid_until === undefined ? offering.valid_until?.toISOString() ?? null : patch.valid_until,
        sold_count: soldCount,
      }),
    ]
    if (errors.length > 0) fail(errors)
    const { valid_until, ...rest } = patch
    const changes = { ...rest, ...(valid_until !== undefined ? { valid_until: valid_until === null ? null : new Date(valid_until) } : {}) }
    const row = await offerings.updateOffering(trx, offering.id, { ...changes, updated_at: deps.now() })
    if (!row) throw notFound()
    return toOffering(row)
  })
}

/** Withdraws an offering from sale; the row stays so past orders keep pointing at it. */
export async function deactivateOffering(deps: AppDeps, user: AuthUser, id: string): Promise<Offering> {
  return updateOffering(deps, user, id, { active: false })
}
