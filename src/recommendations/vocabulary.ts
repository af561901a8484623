import type { Executor } from '../db/database'

/**
 * Storefront tags a consumer may pick as interests, beside every category slug (GET /v1/interests
 * lists both). Merchants tag their storefronts with these words; practical tags such as
 * "card-payment" are not tastes and stay out.
 */
export const INTEREST_TAGS: Readonly<Record<string, string>> = {
  'live-music': 'Live music',
  pets: 'Pets',
  'pet-friendly': 'Pet friendly',
  wifi: 'Wi-Fi to work',
  'oat-milk': 'Oat milk',
  vegan: 'Vegan',
  vegetarian: 'Vegetarian',
  'late-night': 'Late night',
  'open-24h': 'Open 24 hours',
  'family-friendly': 'Family friendly',
  'outdoor-seating': 'Outdoor seating',
  'craft-beer': 'Craft beer',
  cocktails: 'Cocktails',
  'specialty-coffee': 'Specialty coffee',
  tea: 'Tea',
  brunch: 'Brunch',
  spicy: 'Spicy food',
  noodles: 'Noodles',
  dumplings: 'Dumplings',
  desserts: 'Desserts',
  yoga: 'Yoga',
  karaoke: 'Karaoke',
  'board-games': 'Board games',
  quiet: 'Quiet',
  delivery: 'Delivery',
  takeaway: 'Takeaway',
  appointments: 'Appointments',
}

/** One word of the vocabulary. */
export interface InterestTerm {
  tag: string
  kind: 'category' | 'tag'
  name: string
}

/** Categories (from the database, in display order) then interest tags. */
export async function vocabulary(db: Executor): Promise<InterestTerm[]> {
  const categories = await db.selectFrom('categories').select(['slug', 'name']).orderBy('position').orderBy('slug').execute()
  return [
    ...categories.map((c) => ({ tag: c.slug, kind: 'category' as const, name: c.name })),
    ...Object.entries(INTEREST_TAGS).filter(([tag]) => !categories.some((c) => c.slug === tag)).map(([tag, name]) => ({ tag, kind: 'tag' as const, name })),
  ]
}
