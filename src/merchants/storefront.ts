import type { AuthUser } from '../context'
import { mediaUrl, type Photo } from '../uploads'
import { payoutState } from '../payments/payouts'
import type { Storefront } from './merchants.schemas'
import type { MerchantRow } from './merchant.table'

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString()
}

/** The URL of a storefront's cover photo, or null when it has none. */
export function coverUrl(coverKey: string | null): string | null {
  return coverKey === null ? null : mediaUrl(coverKey)
}

/** The public page of a storefront. */
export function storefrontShareUrl(id: string): string {
  return `/s/${id}`
}

/** Visible reviews per star, as the API shows them. */
export function ratingCounts(row: Pick<MerchantRow, 'rating_1_count' | 'rating_2_count' | 'rating_3_count' | 'rating_4_count' | 'rating_5_count'>) {
  return { '1': row.rating_1_count, '2': row.rating_2_count, '3': row.rating_3_count, '4': row.rating_4_count, '5': row.rating_5_count }
}

/**
 * The shape of a storefront row as every endpoint returns it, with its photos (see
 * merchantPhotos); its owner also sees `payouts`.
 * @example c.json(toStorefront(row, viewer, (await merchantPhotos(db, [row])).get(row.id)))
 */
export function toStorefront(row: MerchantRow, viewer?: AuthUser, photos: Photo[] = []): Storefront {
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
    currency: row.currency,
    hours: row.hours,
    service_radius_m: row.service_radius_m,
    status: row.status,
    photos,
    cover_url: coverUrl(row.cover_key),
    rating_avg: row.rating_avg === null ? null : Number(row.rating_avg),
    review_count: row.review_count,
    rating_counts: ratingCounts(row),
    follower_count: row.follower_count,
    share_url: storefrontShareUrl(row.id),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    ...(viewer?.id === row.owner_id ? { payouts: payoutState(row) } : {}),
  }
}
