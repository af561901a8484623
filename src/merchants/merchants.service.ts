import { categoryExists } from '../categories/categories.repository'
import type { AppDeps, AuthUser } from '../context'
import type { Executor } from '../db/database'
import { withTransaction } from '../db/transaction'
import { decodePosition, pageOf } from '../http/keyset-page'
import { ConflictError, type FieldError, ForbiddenError, NotFoundError, ValidationError } from '../errors'
import { h3Columns } from '../geo/h3'
import { overlappingShifts } from '../geo/hours'
import { hasActiveOffering } from '../offerings/offerings.repository'
import type { MerchantRow, OpeningShift } from './merchant.table'
import type { CreateMerchantInput, Storefront, UpdateMerchantInput } from './merchants.schemas'
import { replaceMerchantPhotos } from './merchant-photos.repository'
import * as merchants from './merchants.repository'
import { toStorefront } from './storefront'
import { claimPhotos, merchantPhotos } from './storefront-photos'
import { readStorefront } from './storefront-reads'

const notFound = () => new NotFoundError('no storefront with this id', 'merchant_not_found')

/** Whether `viewer` may see the storefront: active ones are public, drafts only to their owner. */
export function canView(row: MerchantRow, viewer: Pick<AuthUser, 'id'> | undefined): boolean {
  return row.status === 'active' || row.owner_id === viewer?.id
}

/**
 * Throws unless `user` owns the storefront: NotFoundError when they cannot even see it (a draft),
 * ForbiddenError when they can (an active storefront).
 */
export function assertOwner(row: MerchantRow, user: Pick<AuthUser, 'id'>): void {
  if (row.owner_id === user.id) return
  if (!canView(row, user)) throw notFound()
  throw new ForbiddenError('only the owner of this storefront can do this', 'not_owner')
}

/**
 * The one storefront read other features use (orders, bookings, payouts, redemptions): the row
 * with this id whatever its status; undefined for unknown and malformed ids. Pair it with
 * assertOwner, or use findOwnedMerchant, so ownership answers 404/403 the same way everywhere.
 */
export async function loadStorefront(db: Executor, id: string): Promise<MerchantRow | undefined> {
  return merchants.findMerchantById(db, id)
}

/** The storefront `viewer` may see, or NotFoundError (also for drafts of others and malformed ids). */
export async function findVisibleMerchant(db: Executor, viewer: Pick<AuthUser, 'id'> | undefined, id: string): Promise<MerchantRow> {
  const row = await merchants.findMerchantById(db, id)
  if (!row || !canView(row, viewer)) throw notFound()
  return row
}

/**
 * The storefront `user` owns, or NotFoundError / ForbiddenError as assertOwner decides. With
 * `lock` (inside a transaction) the row stays locked until it ends.
 */
export async function findOwnedMerchant(db: Executor, user: Pick<AuthUser, 'id'>, id: string, options: { lock?: boolean } = {}): Promise<MerchantRow> {
  const row = options.lock ? await merchants.lockMerchant(db, id) : await merchants.findMerchantById(db, id)
  if (!row) throw notFound()
  assertOwner(row, user)
  return row
}

async function ruleErrors(db: Executor, input: { category?: string; hours?: OpeningShift[] }): Promise<FieldError[]> {
  const errors: FieldError[] = []
  if (input.category !== undefined && !(await categoryExists(db, input.category))) {
    errors.push({ path: 'category', message: `unknown category '${input.category}'; see GET /v1/categories` })
  }
  if (input.hours) errors.push(...overlappingShifts(input.hours))
  return errors
}

function fail(errors: FieldError[]): never {
  throw new ValidationError(`Invalid storefront: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors)
}

/** A storefront row as `viewer` sees it, photos included. */
async function shape(db: Executor, row: MerchantRow, viewer: AuthUser | undefined): Promise<Storefront> {
  return toStorefront(row, viewer, (await merchantPhotos(db, [row])).get(row.id))
}

/** Creates a draft storefront owned by `ownerId`, with its photos when `photo_ids` is given. */
export async function createMerchant(deps: AppDeps, ownerId: string, input: CreateMerchantInput): Promise<Storefront> {
  const errors = await ruleErrors(deps.db, input)
  if (errors.length > 0) fail(errors)
  const { location, photo_ids, ...rest } = input
  const owner: AuthUser = { id: ownerId, role: 'merchant' }
  return withTransaction(deps.db, async (trx) => {
    const { coverKey } = await claimPhotos(trx, { ownerId, photoIds: photo_ids ?? [], now: deps.now() })
    const row = await merchants.insertMerchant(trx, {
      owner_id: ownerId,
      name: rest.name,
      description: rest.description ?? null,
      category: rest.category,
      tags: rest.tags ?? [],
      lat: location.lat,
      lng: location.lng,
      ...h3Columns(location.lat, location.lng),
      address: rest.address ?? null,
      phone: rest.phone ?? null,
      timezone: rest.timezone,
      hours: rest.hours,
      service_radius_m: rest.service_radius_m ?? null,
      ...(rest.currency ? { currency: rest.currency } : {}),
      cover_key: coverKey,
    })
    await replaceMerchantPhotos(trx, row.id, photo_ids ?? [])
    return shape(trx, row, owner)
  })
}

/**
 * Changes the given fields of a storefront `user` owns; a new location moves every H3 cell, and
 * `photo_ids` replaces the photo list and its cover together.
 */
export async function updateMerchant(deps: AppDeps, user: AuthUser, id: string, patch: UpdateMerchantInput): Promise<Storefront> {
  return withTransaction(deps.db, async (trx) => {
    const current = await findOwnedMerchant(trx, user, id, { lock: true })
    const errors = await ruleErrors(trx, patch)
    if (current.status === 'active' && patch.hours?.length === 0) {
      errors.push({ path: 'hours', message: 'an active storefront needs opening hours' })
    }
    if (errors.length > 0) fail(errors)
    if (patch.currency && patch.currency !== current.currency && (await merchants.hasPricedInCurrency(trx, current.id))) {
      throw new ConflictError(
        `the storefront sells in ${current.currency}: take its offerings off sale and end its live coupons before changing the currency (their prices would otherwise mean ${patch.currency})`,
        'currency_in_use',
      )
    }
    const { location, photo_ids, ...rest } = patch
    const moved = location ? { lat: location.lat, lng: location.lng, ...h3Columns(location.lat, location.lng) } : {}
    const cover = photo_ids ? { cover_key: (await claimPhotos(trx, { ownerId: user.id, photoIds: photo_ids, now: deps.now() })).coverKey } : {}
    const row = await merchants.updateMerchant(trx, current.id, user.id, { ...rest, ...moved, ...cover, updated_at: deps.now() })
    if (!row) throw notFound()
    if (photo_ids) await replaceMerchantPhotos(trx, row.id, photo_ids)
    return shape(trx, row, user)
  })
}

/** Makes a storefront public; 422 naming what is missing (opening hours, an active offering). */
export async function publishMerchant(deps: AppDeps, user: AuthUser, id: string): Promise<Storefront> {
  return withTransaction(deps.db, async (trx) => {
    const current = await findOwnedMerchant(trx, user, id, { lock: true })
    if (current.status === 'active') return shape(trx, current, user)
    const errors: FieldError[] = []
    if (current.hours.length === 0) errors.push({ path: 'hours', message: 'add opening hours before publishing' })
    if (!(await hasActiveOffering(trx, current.id))) {
      errors.push({ path: 'offerings', message: 'add at least one active offering before publishing' })
    }
    if (errors.length > 0) throw new ValidationError(`Cannot publish yet: ${errors.map((e) => e.message).join('; ')}`, errors, 'not_publishable')
    const row = await merchants.activateMerchant(trx, current.id, user.id, deps.now())
    if (!row) throw new ValidationError('Cannot publish yet: the storefront changed meanwhile; try again', [], 'not_publishable')
    return shape(trx, row, user)
  })
}

/** Takes a storefront off the map and out of search (back to draft); a draft stays as it is. */
export async function unpublishMerchant(deps: AppDeps, user: AuthUser, id: string): Promise<Storefront> {
  return withTransaction(deps.db, async (trx) => {
    const current = await findOwnedMerchant(trx, user, id, { lock: true })
    if (current.status !== 'active') return toStorefront(current, user)
    const row = await merchants.unpublishMerchant(trx, current.id, user.id, deps.now())
    if (!row) throw notFound()
    return toStorefront(row, user)
  })
}

/** One keyset page of the storefronts the caller owns, drafts included, newest first. */
export async function listOwnMerchants(deps: AppDeps, user: AuthUser, query: { cursor?: string; limit: number }): Promise<{ data: Storefront[]; next_cursor: string | null }> {
  const scope = `storefronts:${user.id}`
  const after = await decodePosition(deps.cursors, query.cursor, scope)
  const rows = await merchants.listMerchantsByOwner(deps.db, user.id, { after, limit: query.limit + 1 })
  return pageOf(deps.cursors, rows, query.limit, scope, async (page) => {
    const photos = await merchantPhotos(deps.db, page)
    return page.map((row) => toStorefront(row, user, photos.get(row.id)))
  })
}

/** One storefront as `viewer` may see it (from a replica unless it is the viewer's own: readStorefront). */
export async function getMerchant(deps: AppDeps, viewer: AuthUser | undefined, id: string): Promise<Storefront> {
  const { merchant, db } = await readStorefront(deps, viewer, id)
  return shape(db, merchant, viewer)
}
