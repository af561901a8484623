import { type Kysely, sql } from 'kysely'

/**
 * storefront_similarity.similar_h3_r7: the similar storefront's cell (resolution 7) as of the last
 * refresh. Most of a person's similar storefronts lie outside the circle they ask about (~90 % at
 * full size); with the cell on the row, recommendations keep only those in the circle's cells before
 * looking each storefront up, instead of reading every one to measure its distance.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE storefront_similarity ADD COLUMN similar_h3_r7 text`.execute(db)
  await sql`UPDATE storefront_similarity s SET similar_h3_r7 = m.h3_r7 FROM merchants m WHERE m.id = s.similar_id`.execute(db)
  await sql`ALTER TABLE storefront_similarity ALTER COLUMN similar_h3_r7 SET NOT NULL`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE storefront_similarity DROP COLUMN similar_h3_r7`.execute(db)
}
