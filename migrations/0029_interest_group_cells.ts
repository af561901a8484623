import { type Kysely, sql } from 'kysely'

/**
 * interest_group_fans.h3_r7 and .location: each row's storefront cell (resolution 7) and place as
 * of the last refresh, and an index by (tag, cell, fans descending) that carries the storefront
 * and its place. A group near a point is then read cell by cell from the index alone, each cell's
 * most visited first, stopping at the page size: at a million storefronts a group tag holds close
 * to a million rows, and ranking every row within the radius took hundreds of milliseconds per
 * interest, three interests per "For you" page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE interest_group_fans ADD COLUMN h3_r7 text, ADD COLUMN location geography`.execute(db)
  await sql`UPDATE interest_group_fans g SET h3_r7 = m.h3_r7, location = m.location FROM merchants m WHERE m.id = g.merchant_id`.execute(db)
  await sql`ALTER TABLE interest_group_fans ALTER COLUMN h3_r7 SET NOT NULL, ALTER COLUMN location SET NOT NULL`.execute(db)
  await sql`CREATE INDEX interest_group_fans_cell_idx ON interest_group_fans (tag, h3_r7, fans DESC) INCLUDE (merchant_id, location)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX interest_group_fans_cell_idx`.execute(db)
  await sql`ALTER TABLE interest_group_fans DROP COLUMN h3_r7, DROP COLUMN location`.execute(db)
}
