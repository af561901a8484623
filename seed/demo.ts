import type { Kysely } from 'kysely'
import type { Database } from '../src/db/database'

export interface SeedResult {
  merchants: number
  cities: string[]
}

/** Loads the demo data set (placeholder until the seed lands). */
export async function seedDemo(
  _db: Kysely<Database>,
  _options: { onlyIfEmpty?: boolean; log?: (m: string) => void } = {},
): Promise<SeedResult | null> {
  return null
}
