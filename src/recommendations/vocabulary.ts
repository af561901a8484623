import { listCategories } from '../categories/categories.repository'
import type { Executor } from '../db/database'

/**
 * Storefront tags a consumer may pick as interests, beside every category slug (GET /v1/interests
 * lists both). Merchants tag their storefronts with these words; practical tags such as
 * "card-payment" are not tastes and stay out. Each has an English and a Chinese name.
 */
export const INTEREST_TAGS: Readonly<Record<string, { en: string; zh: string }>> = {
  'live-music': { en: 'Live music', zh: '现场音乐' },
  pets: { en: 'Pets', zh: '宠物' },
  'pet-friendly': { en: 'Pet friendly', zh: '宠物友好' },
  wifi: { en: 'Wi-Fi to work', zh: '可办公（有无线网）' },
  'oat-milk': { en: 'Oat milk', zh: '燕麦奶' },
  vegan: { en: 'Vegan', zh: '纯素' },
  vegetarian: { en: 'Vegetarian', zh: '素食' },
  'late-night': { en: 'Late night', zh: '深夜营业' },
  'open-24h': { en: 'Open 24 hours', zh: '24小时营业' },
  'family-friendly': { en: 'Family friendly', zh: '适合家庭' },
  'outdoor-seating': { en: 'Outdoor seating', zh: '户外座位' },
  'craft-beer': { en: 'Craft beer', zh: '精酿啤酒' },
  cocktails: { en: 'Cocktails', zh: '鸡尾酒' },
  'specialty-coffee': { en: 'Specialty coffee', zh: '精品咖啡' },
  tea: { en: 'Tea', zh: '茶饮' },
  brunch: { en: 'Brunch', zh: '早午餐' },
  spicy: { en: 'Spicy food', zh: '香辣' },
  noodles: { en: 'Noodles', zh: '面食' },
  dumplings: { en: 'Dumplings', zh: '饺子' },
  desserts: { en: 'Desserts', zh: '甜品' },
  yoga: { en: 'Yoga', zh: '瑜伽' },
  karaoke: { en: 'Karaoke', zh: '卡拉OK' },
  'board-games': { en: 'Board games', zh: '桌游' },
  quiet: { en: 'Quiet', zh: '安静' },
  delivery: { en: 'Delivery', zh: '外送' },
  takeaway: { en: 'Takeaway', zh: '外带' },
  appointments: { en: 'Appointments', zh: '可预约' },
}

/** One word of the vocabulary, named as categories are: `name` is the English name (same as `name_en`). */
export interface InterestTerm {
  tag: string
  kind: 'category' | 'tag'
  name: string
  name_en: string
  name_zh: string | null
}

/** Categories (from the database, in display order, with their names) then interest tags. */
export async function vocabulary(db: Executor): Promise<InterestTerm[]> {
  const categories = await listCategories(db)
  return [
    ...categories.map((c) => ({ tag: c.slug, kind: 'category' as const, name: c.name, name_en: c.name_en, name_zh: c.name_zh })),
    ...Object.entries(INTEREST_TAGS)
      .filter(([tag]) => !categories.some((c) => c.slug === tag))
      .map(([tag, names]) => ({ tag, kind: 'tag' as const, name: names.en, name_en: names.en, name_zh: names.zh })),
  ]
}

/** How long recommendations reuse a vocabulary they read (categories change rarely; a new one counts a minute later). */
export const VOCABULARY_TTL_MS = 60_000
const recent = new WeakMap<object, { expiresAt: number; terms: Promise<InterestTerm[]> }>()

/** The vocabulary as read at most VOCABULARY_TTL_MS ago through this handle (one read per minute instead of one per request). */
export function recentVocabulary(db: Executor): Promise<InterestTerm[]> {
  const hit = recent.get(db)
  if (hit && hit.expiresAt > Date.now()) return hit.terms
  const terms = vocabulary(db)
  recent.set(db, { expiresAt: Date.now() + VOCABULARY_TTL_MS, terms })
  // A failed read is not kept: the next request reads again.
  terms.catch(() => recent.get(db)?.terms === terms && recent.delete(db))
  return terms
}
