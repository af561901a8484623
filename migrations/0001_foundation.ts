import { type Kysely, sql } from 'kysely'

/** Accounts, categories, storefronts and their offerings: the spine later features build on. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(db)

  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$' AND length(email) <= 254),
      name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
      role text NOT NULL CHECK (role IN ('consumer', 'merchant')),
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  // One account per address, whatever the letter case.
  await sql`CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email))`.execute(db)

  await sql`
    CREATE TABLE categories (
      slug text PRIMARY KEY CHECK (slug ~ '^[a-z][a-z0-9-]{0,39}$'),
      name text NOT NULL,
      position smallint NOT NULL DEFAULT 0
    )`.execute(db)

  await sql`
    CREATE TABLE merchants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid NOT NULL REFERENCES users (id),
      name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
      description text CHECK (length(description) <= 2000),
      category text NOT NULL REFERENCES categories (slug),
      tags text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 10),
      lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
      lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
      location geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography) STORED,
      h3_r9 text NOT NULL,
      h3_r8 text NOT NULL,
      h3_r7 text NOT NULL,
      h3_r6 text NOT NULL,
      h3_r5 text NOT NULL,
      h3_r4 text NOT NULL,
      h3_r3 text NOT NULL,
      address text CHECK (length(address) <= 300),
      phone text CHECK (length(phone) <= 40),
      timezone text NOT NULL,
      hours jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(hours) = 'array'),
      service_radius_m integer CHECK (service_radius_m BETWEEN 1 AND 50000),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active')),
      rating_avg numeric(3, 2) CHECK (rating_avg BETWEEN 1 AND 5),
      review_count integer NOT NULL DEFAULT 0 CHECK (review_count >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((rating_avg IS NULL) = (review_count = 0))
    )`.execute(db)
  await sql`CREATE INDEX merchants_location_gist ON merchants USING gist (location)`.execute(db)
  await sql`CREATE INDEX merchants_owner_idx ON merchants (owner_id, created_at)`.execute(db)

  await sql`
    CREATE TABLE offerings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      merchant_id uuid NOT NULL REFERENCES merchants (id),
      name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
      description text CHECK (length(description) <= 2000),
      kind text NOT NULL CHECK (kind IN ('service', 'product', 'voucher')),
      price_cents bigint NOT NULL CHECK (price_cents >= 0 AND price_cents <= 100000000000),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      duration_min integer CHECK (duration_min BETWEEN 1 AND 1440),
      capacity integer NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 1000),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind <> 'service' OR duration_min IS NOT NULL)
    )`.execute(db)
  await sql`CREATE INDEX offerings_merchant_idx ON offerings (merchant_id, created_at)`.execute(db)

  await sql`
    INSERT INTO categories (slug, name, position) VALUES
      ('food', 'Restaurants & food', 1),
      ('coffee', 'Coffee & tea', 2),
      ('bakery', 'Bakery & desserts', 3),
      ('bar', 'Bars & nightlife', 4),
      ('grocery', 'Grocery & convenience', 5),
      ('beauty', 'Beauty & nails', 6),
      ('hair', 'Hair salon & barber', 7),
      ('massage', 'Massage & spa', 8),
      ('fitness', 'Fitness & yoga', 9),
      ('laundry', 'Laundry & dry cleaning', 10),
      ('repair', 'Repair & maintenance', 11),
      ('pet', 'Pet care', 12),
      ('education', 'Classes & tutoring', 13),
      ('health', 'Clinics & pharmacy', 14),
      ('entertainment', 'Cinema, KTV & games', 15),
      ('hotel', 'Hotels & stays', 16),
      ('florist', 'Florist & gifts', 17),
      ('auto', 'Car wash & auto care', 18)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE offerings, merchants, categories, users`.execute(db)
}
