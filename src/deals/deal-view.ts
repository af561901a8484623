import type { FieldError } from '../errors'
import type { OfferingRow } from '../offerings/offering.table'

/** A deal as listings show it (face value, saving, what is left), or null for a plain offering. */
export function toDeal(row: Pick<OfferingRow, 'face_value_cents' | 'price_cents' | 'stock' | 'sold_count' | 'valid_until'>) {
  if (row.face_value_cents === null) return null
  const face = Number(row.face_value_cents)
  return {
    face_value_cents: face,
    saving_cents: face - Number(row.price_cents),
    stock: row.stock,
    remaining: row.stock === null ? null : Math.max(0, row.stock - row.sold_count),
    valid_until: row.valid_until ? new Date(row.valid_until).toISOString() : null,
  }
}

/** The rules a deal's fields must meet (the database CHECKs the same; these name the field). */
export function dealErrors(d: {
  kind: string
  price_cents: number
  face_value_cents: number | null
  stock: number | null
  valid_until: string | null
  sold_count?: number
}): FieldError[] {
  const errors: FieldError[] = []
  if (d.face_value_cents === null) {
    if (d.stock !== null) errors.push({ path: 'stock', message: 'only deals (with face_value_cents) have stock' })
    if (d.valid_until !== null) errors.push({ path: 'valid_until', message: 'only deals (with face_value_cents) have valid_until' })
    return errors
  }
  if (d.kind !== 'voucher') errors.push({ path: 'face_value_cents', message: 'only vouchers can be deals' })
  if (d.price_cents >= d.face_value_cents) errors.push({ path: 'price_cents', message: `must be below face_value_cents (${d.face_value_cents}) for a deal` })
  if (d.stock !== null && d.sold_count !== undefined && d.stock < d.sold_count) errors.push({ path: 'stock', message: `must be at least the ${d.sold_count} already sold` })
  return errors
}
