import type { ColumnType, Generated, Selectable } from 'kysely'

export interface OpeningShift {
  /** 0 = Sunday … 6 = Saturday, in the storefront's own time zone. */
  day: number
  /** HH:MM local time. */
  open: string
  /** HH:MM local time; at or before `open` means the shift ends after midnight. */
  close: string
}

export type MerchantStatus = 'draft' | 'active'

export interface MerchantTable {
  id: Generated<string>
  owner_id: string
  name: string
  description: string | null
  category: string
  tags: ColumnType<string[], string[] | undefined, string[]>
  lat: number
  lng: number
  /** Derived by the database from lat/lng; never written. */
  location: ColumnType<unknown, never, never>
  h3_r9: string
  h3_r8: string
  h3_r7: string
  h3_r6: string
  h3_r5: string
  h3_r4: string
  h3_r3: string
  address: string | null
  phone: string | null
  timezone: string
  /** ISO 4217: what its offerings, coupons and orders are priced in; defaulted from the time zone by the database (migration 0017). */
  currency: ColumnType<string, string | undefined, string>
  hours: ColumnType<OpeningShift[], string, string>
  service_radius_m: number | null
  status: ColumnType<MerchantStatus, MerchantStatus | undefined, MerchantStatus>
  rating_avg: ColumnType<string | null, never, string | null>
  review_count: ColumnType<number, never, number>
  /** Visible reviews with 1…5 stars; written only by the review triggers (migration 0006). */
  rating_1_count: ColumnType<number, never, number>
  rating_2_count: ColumnType<number, never, number>
  rating_3_count: ColumnType<number, never, number>
  rating_4_count: ColumnType<number, never, number>
  rating_5_count: ColumnType<number, never, number>
  /** Followers; written only by the follows trigger (migration 0012). */
  follower_count: ColumnType<number, never, never>
  /** Set for good once the follower count reaches 5,000: its feed items are read by followers, not pushed to them (migration 0031). */
  feed_pull: ColumnType<boolean, never, never>
  /** Stripe Connect Express account for payouts; set once by payouts onboarding. */
  stripe_account_id: ColumnType<string | null, never, string | null>
  charges_enabled: ColumnType<boolean, never, boolean>
  payouts_enabled: ColumnType<boolean, never, boolean>
  details_submitted: ColumnType<boolean, never, boolean>
  /** Storage key of the first photo (the cover), kept with merchant_photos in one transaction. */
  cover_key: ColumnType<string | null, string | null | undefined, string | null>
  created_at: ColumnType<Date, never, never>
  updated_at: ColumnType<Date, never, Date>
}

/** One photo of a storefront; position 0 is the cover. */
export interface MerchantPhotoTable {
  merchant_id: string
  upload_id: string
  position: number
}

export type MerchantRow = Selectable<MerchantTable>
