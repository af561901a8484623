import { type Kysely, sql } from 'kysely'

/**
 * A store post's coupon must exist and belong to the same storefront: a composite foreign key on
 * (coupon_id, merchant_id). Posts and coupons were built side by side; this joins them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE coupons ADD CONSTRAINT coupons_id_merchant_key UNIQUE (id, merchant_id)`.execute(db)
  // A post whose coupon is not its store's (possible before this migration) loses the coupon.
  await sql`
    UPDATE merchant_posts p SET coupon_id = NULL
    WHERE coupon_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM coupons c WHERE c.id = p.coupon_id AND c.merchant_id = p.merchant_id)`.execute(db)
  await sql`
    ALTER TABLE merchant_posts ADD CONSTRAINT merchant_posts_coupon_fk
      FOREIGN KEY (coupon_id, merchant_id) REFERENCES coupons (id, merchant_id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE merchant_posts DROP CONSTRAINT merchant_posts_coupon_fk`.execute(db)
  await sql`ALTER TABLE coupons DROP CONSTRAINT coupons_id_merchant_key`.execute(db)
}
