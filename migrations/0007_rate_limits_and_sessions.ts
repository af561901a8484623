import { type Kysely, sql } from 'kysely'

/**
 * Abuse limits and revocable sessions.
 * - `rate_limit_buckets`: one row per limited key (an IP, an account, an email, a storefront's
 *   redemption attempts); a window starts at the key's first hit and its counter is bumped by one
 *   atomic upsert, so the limit holds across processes and restarts. Expired rows are pruned.
 *   UNLOGGED: a hot key's upserts serialize on its row, and waiting for a WAL flush on each one
 *   halved order throughput for a single busy account; the price is that a database crash (not a
 *   clean restart) forgets the current windows.
 * - `users.failed_logins` / `login_locked_until`: the per-account exponential lockout.
 * - `users.token_version`: access tokens carry it; bumping it signs the account out everywhere.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE UNLOGGED TABLE rate_limit_buckets (
      bucket_key text PRIMARY KEY CHECK (length(bucket_key) BETWEEN 1 AND 200),
      hits integer NOT NULL CHECK (hits >= 0),
      window_start timestamptz NOT NULL,
      expires_at timestamptz NOT NULL CHECK (expires_at > window_start)
    )`.execute(db)
  await sql`CREATE INDEX rate_limit_buckets_expires_idx ON rate_limit_buckets (expires_at)`.execute(db)
  await sql`
    ALTER TABLE users
      ADD COLUMN token_version integer NOT NULL DEFAULT 0 CHECK (token_version >= 0),
      ADD COLUMN failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
      ADD COLUMN login_locked_until timestamptz`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE users DROP COLUMN token_version, DROP COLUMN failed_logins, DROP COLUMN login_locked_until`.execute(db)
  await sql`DROP TABLE rate_limit_buckets`.execute(db)
}
