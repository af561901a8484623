import type { AuthUser } from '../context'
import { payoutState } from '../payments/payouts'
import type { Storefront } from './merchants.schemas'
import type { MerchantRow } from './merchant.table'

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString()
}

/**
 * The shape of a storefront row as every endpoint returns it; its owner also sees `payouts`.
 * @example c.json(toStorefront(await merchantsRepository.findMerchantById(db, id), viewer))
 */
export function toStorefront(row: MerchantRow, viewer?: AuthUser): Storefront {
  return {
    id: row.id,
    owner_id: row.owner_id,
    name: row.name,
    description: row.description,
    category: row.category,
    tags: row.tags,
    location: { lat: row.lat, lng: row.lng },
    h3_cell: row.h3_r9,
    address: row.address,
    phone: row.phone,
    timezone: row.timezone,
    hours: row.hours,
    service_radius_m: row.service_radius_m,
    status: row.status,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    ...(viewer?.id === row.owner_id ? { payouts: payoutState(row) } : {}),
  }
}
