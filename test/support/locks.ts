import type pg from 'pg'

/**
 * Waits until a request's query on `table` waits for a lock (held by `admin`'s open transaction).
 * @example await admin.query('BEGIN'); await admin.query('LOCK TABLE categories'); … await lockWaiter(admin, 'categories')
 */
export async function lockWaiter(admin: pg.Client, table: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    // Inside the lock's transaction pg_stat_activity is a snapshot taken once; take a new one.
    await admin.query('SELECT pg_stat_clear_snapshot()')
    const { rows } = await admin.query(
      `SELECT 1 FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND state = 'active' AND wait_event_type = 'Lock' AND query LIKE $1`,
      [`%"${table}"%`],
    )
    if (rows.length > 0) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`no query on ${table} waited for its lock within ${timeoutMs} ms`)
}
