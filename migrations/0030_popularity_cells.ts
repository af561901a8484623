import { type Kysely, sql } from 'kysely'

/**
 * storefront_popularity.h3_r7 and .location: each storefront's cell (resolution 7) and place as of
 * the last refresh, and an index by (cell, visitors descending, storefront) that carries the place.
 * "The most visited within the radius" is then read cell by cell from the index alone, stopping at
 * 100 per cell, instead of finding the 1,000 nearest storefronts and looking each one up.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE storefront_popularity ADD COLUMN h3_r7 text, ADD COLUMN location geography`.execute(db)
  await sql`UPDATE storefront_popularity p SET h3_r7 = m.h3_r7, location = m.location FROM merchants m WHERE m.id = p.merchant_id`.execute(db)
  await sql`ALTER TABLE storefront_popularity ALTER COLUMN h3_r7 SET NOT NULL, ALTER COLUMN location SET NOT NULL`.execute(db)
  await sql`CREATE INDEX storefront_popularity_cell_idx ON storefront_popularity (h3_r7, visitors DESC, merchant_id) INCLUDE (location)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX storefront_popularity_cell_idx`.execute(db)
  await sql`ALTER TABLE storefront_popularity DROP COLUMN h3_r7, DROP COLUMN location`.execute(db)
}
