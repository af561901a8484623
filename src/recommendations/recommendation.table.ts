import type { ColumnType } from 'kysely'

/** A signed-in user opened a storefront's page; one row per user, storefront and UTC day. */
export interface StorefrontViewTable {
  user_id: string
  merchant_id: string
  day: string
  viewed_at: ColumnType<Date, Date | undefined, never>
}

/** An interest the user chose (a category slug or a storefront tag from the vocabulary). */
export interface UserInterestTable {
  user_id: string
  tag: string
  created_at: ColumnType<Date, Date | undefined, never>
}

/** "Not interested": the storefront never appears in this user's recommendations. */
export interface HiddenStorefrontTable {
  user_id: string
  merchant_id: string
  created_at: ColumnType<Date, Date | undefined, never>
}

/** Co-visitation similarity of two storefronts (cosine over visitors), written by the refresh job. */
export interface StorefrontSimilarityTable {
  merchant_id: string
  similar_id: string
  score: number
  co_visitors: number
  /** The similar storefront's cell (resolution 7) as of the refresh (migration 0033). */
  similar_h3_r7: string
}

/** Distinct visitors of a storefront in the last 90 days, written by the refresh job. */
export interface StorefrontPopularityTable {
  merchant_id: string
  visitors: number
  /** The storefront's resolution-7 cell and place when counted (the spatial bucket of "most visited nearby"). */
  h3_r7: string
  location: ColumnType<string, never, never>
  computed_at: Date
}

/** People with interest `tag` who went to the storefront, written by the refresh job. */
export interface InterestGroupFansTable {
  tag: string
  merchant_id: string
  fans: number
  /** The storefront's resolution-7 cell when the group was computed (the spatial bucket of group reads). */
  h3_r7: string
  /** The storefront's place when the group was computed (distances in the group are measured from it). */
  location: ColumnType<string, never, never>
  computed_at: Date
}

/** One ranked list of recommendations that a cursor pages through until it expires. */
export interface RecommendationSnapshotTable {
  id: ColumnType<string, string | undefined, never>
  user_id: string | null
  query_hash: string
  items: ColumnType<unknown[], string, never>
  cold_start: boolean
  created_at: Date
  expires_at: Date
}

export interface RecommendationTables {
  storefront_views: StorefrontViewTable
  user_interests: UserInterestTable
  hidden_storefronts: HiddenStorefrontTable
  storefront_similarity: StorefrontSimilarityTable
  storefront_popularity: StorefrontPopularityTable
  interest_group_fans: InterestGroupFansTable
  recommendation_snapshots: RecommendationSnapshotTable
}
