import { type Kysely, sql } from 'kysely'

/**
 * A durable job queue on the database itself: every timed task (upload cleanup, unpaid-order
 * expiry) is a row claimed with FOR UPDATE SKIP LOCKED, so it survives restarts and runs once in
 * effect with several processes on one database.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE jobs (
      id bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,62}$'),
      -- At most one job per key, ever (done ones included): enqueueing twice is a no-op.
      dedupe_key text UNIQUE CHECK (length(dedupe_key) BETWEEN 1 AND 255),
      payload jsonb NOT NULL DEFAULT '{}',
      run_at timestamptz NOT NULL,
      -- Recurring jobs are rescheduled this long after each run instead of being marked done.
      every_ms bigint CHECK (every_ms > 0),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      max_attempts integer NOT NULL DEFAULT 10 CHECK (max_attempts >= 1),
      locked_until timestamptz,
      locked_by text,
      done_at timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((locked_until IS NULL) = (locked_by IS NULL)),
      CHECK (done_at IS NULL OR every_ms IS NULL)
    )`.execute(db)
  await sql`CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE done_at IS NULL`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE jobs`.execute(db)
}
