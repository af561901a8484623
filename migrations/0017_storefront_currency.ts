import { type Kysely, sql } from 'kysely'

// Frozen copy of src/money/currencies.ts at the time of writing (code, ISO 4217 exponent).
const CURRENCIES: [string, number][] = [
  ['AED', 2], ['AUD', 2], ['BHD', 3], ['BRL', 2], ['CAD', 2], ['CHF', 2], ['CNY', 2], ['CZK', 2], ['DKK', 2], ['EUR', 2],
  ['GBP', 2], ['HKD', 2], ['IDR', 2], ['ILS', 2], ['INR', 2], ['JOD', 3], ['JPY', 0], ['KRW', 0], ['KWD', 3], ['MXN', 2],
  ['MYR', 2], ['NOK', 2], ['NZD', 2], ['OMR', 3], ['PHP', 2], ['PLN', 2], ['QAR', 2], ['SAR', 2], ['SEK', 2], ['SGD', 2],
  ['THB', 2], ['TND', 3], ['TRY', 2], ['USD', 2], ['VND', 0], ['ZAR', 2],
]

/**
 * Currency belongs to the storefront. `merchants.currency` (NOT NULL, one of `currencies`) is
 * what its offerings, coupons and orders are priced in, and the database holds that:
 *  - an offering on sale has its storefront's currency: a composite foreign key on
 *    (merchant_id, on_sale_currency), where on_sale_currency is the currency while active, else NULL;
 *  - a live coupon (not ended) likewise, through live_currency;
 *  - a new order has its storefront's currency (BEFORE INSERT trigger; older orders keep theirs);
 *  - so a storefront's currency cannot change while it has anything on sale or a live coupon.
 * A storefront inserted without a currency gets the one of its time zone's country (USD when
 * the zone is not in the short list below).
 *
 * Backfill: each storefront takes the currency most of its offerings are priced in (active ones
 * counted first, then all; ties alphabetically; unsupported codes never win); without offerings,
 * its time zone's. Offerings in another currency are taken off sale (active = false; they keep
 * their price and currency, so the owner can see and re-price them), live coupons in another
 * currency end, and a published storefront left with nothing on sale goes back to draft.
 * Orders are history and are not touched.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE currencies (
      code char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
      minor_units smallint NOT NULL CHECK (minor_units IN (0, 2, 3))
    )`.execute(db)
  for (const [code, exponent] of CURRENCIES) {
    await sql`INSERT INTO currencies (code, minor_units) VALUES (${code}, ${exponent})`.execute(db)
  }

  await sql`
    CREATE FUNCTION storefront_default_currency(tz text) RETURNS char(3) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT CASE
        WHEN tz IN ('Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'Asia/Urumqi', 'PRC') THEN 'CNY'
        WHEN tz = 'Asia/Hong_Kong' THEN 'HKD'
        WHEN tz IN ('Asia/Tokyo', 'Japan') THEN 'JPY'
        WHEN tz IN ('Asia/Seoul', 'ROK') THEN 'KRW'
        WHEN tz IN ('Asia/Singapore', 'Singapore') THEN 'SGD'
        WHEN tz IN ('Asia/Kuala_Lumpur', 'Asia/Kuching') THEN 'MYR'
        WHEN tz = 'Asia/Bangkok' THEN 'THB'
        WHEN tz IN ('Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura') THEN 'IDR'
        WHEN tz IN ('Asia/Kolkata', 'Asia/Calcutta') THEN 'INR'
        WHEN tz = 'Asia/Manila' THEN 'PHP'
        WHEN tz IN ('Asia/Ho_Chi_Minh', 'Asia/Saigon') THEN 'VND'
        WHEN tz = 'Asia/Kuwait' THEN 'KWD'
        WHEN tz = 'Asia/Bahrain' THEN 'BHD'
        WHEN tz = 'Asia/Amman' THEN 'JOD'
        WHEN tz = 'Asia/Muscat' THEN 'OMR'
        WHEN tz = 'Africa/Tunis' THEN 'TND'
        WHEN tz = 'Asia/Dubai' THEN 'AED'
        WHEN tz = 'Asia/Riyadh' THEN 'SAR'
        WHEN tz = 'Asia/Qatar' THEN 'QAR'
        WHEN tz IN ('Asia/Jerusalem', 'Asia/Tel_Aviv', 'Israel') THEN 'ILS'
        WHEN tz IN ('Europe/Istanbul', 'Turkey') THEN 'TRY'
        WHEN tz IN ('Europe/London', 'GB') THEN 'GBP'
        WHEN tz = 'Europe/Zurich' THEN 'CHF'
        WHEN tz = 'Europe/Stockholm' THEN 'SEK'
        WHEN tz = 'Europe/Oslo' THEN 'NOK'
        WHEN tz = 'Europe/Copenhagen' THEN 'DKK'
        WHEN tz IN ('Europe/Warsaw', 'Poland') THEN 'PLN'
        WHEN tz = 'Europe/Prague' THEN 'CZK'
        WHEN tz IN ('Europe/Amsterdam', 'Europe/Athens', 'Europe/Berlin', 'Europe/Bratislava', 'Europe/Brussels', 'Europe/Dublin',
          'Europe/Helsinki', 'Europe/Lisbon', 'Europe/Ljubljana', 'Europe/Luxembourg', 'Europe/Madrid', 'Europe/Malta',
          'Europe/Monaco', 'Europe/Paris', 'Europe/Riga', 'Europe/Rome', 'Europe/Tallinn', 'Europe/Vienna', 'Europe/Vilnius',
          'Europe/Zagreb', 'Europe/Andorra', 'Europe/Vatican', 'Europe/San_Marino', 'Europe/Podgorica', 'Atlantic/Canary',
          'Atlantic/Madeira', 'Atlantic/Azores', 'Asia/Nicosia', 'Europe/Nicosia') THEN 'EUR'
        WHEN tz LIKE 'Australia/%' THEN 'AUD'
        WHEN tz IN ('Pacific/Auckland', 'NZ') THEN 'NZD'
        WHEN tz IN ('America/Toronto', 'America/Vancouver', 'America/Edmonton', 'America/Winnipeg', 'America/Halifax',
          'America/St_Johns', 'America/Regina', 'America/Moncton', 'America/Whitehorse', 'America/Yellowknife') THEN 'CAD'
        WHEN tz IN ('America/Mexico_City', 'America/Cancun', 'America/Monterrey', 'America/Tijuana', 'America/Merida',
          'America/Chihuahua', 'America/Hermosillo', 'America/Mazatlan', 'America/Bahia_Banderas', 'America/Matamoros') THEN 'MXN'
        WHEN tz IN ('America/Sao_Paulo', 'America/Bahia', 'America/Fortaleza', 'America/Recife', 'America/Belem',
          'America/Manaus', 'America/Cuiaba', 'America/Campo_Grande', 'America/Porto_Velho', 'America/Rio_Branco') THEN 'BRL'
        WHEN tz = 'Africa/Johannesburg' THEN 'ZAR'
        ELSE 'USD'
      END::char(3)
    $$`.execute(db)

  await sql`ALTER TABLE merchants ADD COLUMN currency char(3)`.execute(db)
  await sql`
    WITH counted AS (
      SELECT o.merchant_id, o.currency,
        row_number() OVER (PARTITION BY o.merchant_id ORDER BY count(*) FILTER (WHERE o.active) DESC, count(*) DESC, o.currency) AS rank
      FROM offerings o JOIN currencies c ON c.code = o.currency
      GROUP BY o.merchant_id, o.currency
    )
    UPDATE merchants m SET currency = counted.currency FROM counted WHERE counted.merchant_id = m.id AND counted.rank = 1`.execute(db)
  await sql`UPDATE merchants SET currency = storefront_default_currency(timezone) WHERE currency IS NULL`.execute(db)
  await sql`ALTER TABLE merchants ALTER COLUMN currency SET NOT NULL`.execute(db)
  await sql`ALTER TABLE merchants ADD CONSTRAINT merchants_currency_fk FOREIGN KEY (currency) REFERENCES currencies (code)`.execute(db)
  await sql`ALTER TABLE merchants ADD CONSTRAINT merchants_id_currency_key UNIQUE (id, currency)`.execute(db)
  await sql`
    CREATE FUNCTION merchants_default_currency() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.currency := coalesce(NEW.currency, storefront_default_currency(NEW.timezone));
      RETURN NEW;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER merchants_default_currency BEFORE INSERT ON merchants
    FOR EACH ROW EXECUTE FUNCTION merchants_default_currency()`.execute(db)

  // Off sale: what is priced in another currency than its storefront's.
  await sql`
    UPDATE offerings o SET active = false, updated_at = now()
    FROM merchants m WHERE m.id = o.merchant_id AND o.active AND o.currency <> m.currency`.execute(db)
  await sql`
    UPDATE merchants m SET status = 'draft', updated_at = now()
    WHERE m.status = 'active' AND NOT EXISTS (SELECT 1 FROM offerings o WHERE o.merchant_id = m.id AND o.active)`.execute(db)
  await sql`
    ALTER TABLE offerings ADD COLUMN on_sale_currency char(3) GENERATED ALWAYS AS (CASE WHEN active THEN currency END) STORED`.execute(db)
  await sql`
    ALTER TABLE offerings ADD CONSTRAINT offerings_storefront_currency_fk
      FOREIGN KEY (merchant_id, on_sale_currency) REFERENCES merchants (id, currency)`.execute(db)

  await sql`
    UPDATE coupons c SET status = 'ended', updated_at = now()
    FROM merchants m WHERE m.id = c.merchant_id AND c.status <> 'ended' AND c.currency <> m.currency`.execute(db)
  await sql`
    ALTER TABLE coupons ADD COLUMN live_currency char(3) GENERATED ALWAYS AS (CASE WHEN status <> 'ended' THEN currency END) STORED`.execute(db)
  await sql`
    ALTER TABLE coupons ADD CONSTRAINT coupons_storefront_currency_fk
      FOREIGN KEY (merchant_id, live_currency) REFERENCES merchants (id, currency)`.execute(db)

  await sql`
    CREATE FUNCTION orders_in_storefront_currency() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM merchants WHERE id = NEW.merchant_id AND currency = NEW.currency) THEN
        RAISE EXCEPTION 'order currency % is not the currency of storefront %', NEW.currency, NEW.merchant_id
          USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_storefront_currency';
      END IF;
      RETURN NEW;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER orders_storefront_currency BEFORE INSERT ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_in_storefront_currency()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER orders_storefront_currency ON orders`.execute(db)
  await sql`DROP FUNCTION orders_in_storefront_currency()`.execute(db)
  await sql`ALTER TABLE coupons DROP CONSTRAINT coupons_storefront_currency_fk, DROP COLUMN live_currency`.execute(db)
  await sql`ALTER TABLE offerings DROP CONSTRAINT offerings_storefront_currency_fk, DROP COLUMN on_sale_currency`.execute(db)
  await sql`DROP TRIGGER merchants_default_currency ON merchants`.execute(db)
  await sql`DROP FUNCTION merchants_default_currency()`.execute(db)
  await sql`ALTER TABLE merchants DROP COLUMN currency`.execute(db)
  await sql`DROP FUNCTION storefront_default_currency(text)`.execute(db)
  await sql`DROP TABLE currencies`.execute(db)
}
