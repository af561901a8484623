/** The columns every storefront list reads for its cards: nearby, serving, recommendations, interest groups. */
export interface StorefrontSummaryRow {
  id: string
  name: string
  category: string
  tags: string[]
  lat: number
  lng: number
  cover_key: string | null
  rating_avg: string | null
  review_count: number
}
