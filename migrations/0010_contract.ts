import { type Kysely, sql } from 'kysely'

/**
 * The API contract (issue 10): Stripe-style idempotency for POSTs that create something. A key per
 * caller holds the first successful answer, replayed verbatim to retries (`idempotency_requests`;
 * `status` stays NULL while the first request runs).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE idempotency_requests (
      owner text NOT NULL,
      idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
      method text NOT NULL,
      path text NOT NULL,
      request_hash text NOT NULL,
      status smallint CHECK (status BETWEEN 200 AND 299),
      content_type text,
      body text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (owner, idempotency_key)
    )`.execute(db)
  await sql`CREATE INDEX idempotency_requests_created_idx ON idempotency_requests (created_at)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE idempotency_requests`.execute(db)
}
