import { sql } from 'kysely'
import { issueToken } from '../../src/auth/token'
import type { DatabaseHandle } from '../../src/db/client'
import { type CaseResult, percentile } from './measure'
import type { TargetCheck } from './targets'

const CLAIMERS = 200
const COUPONS = 50

/**
 * 200 consumers claim one 50-coupon campaign at the same moment (one request each, all in
 * flight together). Exactly 50 must get 201 and the other 150 409 sold_out; anything else is an
 * error in the table and a missed target. Claimers are fresh accounts with minted tokens.
 */
export async function claimStorm(handle: DatabaseHandle, baseUrl: string, jwtSecret: string, merchantId: string): Promise<{ result: CaseResult; check: TargetCheck }> {
  const db = handle.db
  const run = Date.now().toString(36)
  const coupon = await sql<{ id: string }>`
    INSERT INTO coupons (merchant_id, title, kind, amount_off_cents, currency, starts_at, ends_at, total_quantity)
    VALUES (${merchantId}::uuid, ${`Storm ${run}`}, 'amount_off', 100, (SELECT currency FROM merchants WHERE id = ${merchantId}::uuid), now() - interval '1 hour', now() + interval '1 day', ${COUPONS})
    RETURNING id`.execute(db)
  const couponId = coupon.rows[0]!.id
  const users = await sql<{ id: string }>`
    INSERT INTO users (email, name, role, password_hash)
    SELECT 'storm-' || ${run} || '-' || g || '@bench.o2o', 'Storm ' || g, 'consumer', 'x' FROM generate_series(1, ${CLAIMERS}) g
    RETURNING id`.execute(db)
  const tokens = await Promise.all(users.rows.map((u) => issueToken({ id: u.id, role: 'consumer' }, jwtSecret, 3600)))
  const started = performance.now()
  const outcomes = await Promise.all(
    tokens.map(async (token) => {
      const t0 = performance.now()
      const res = await fetch(`${baseUrl}/v1/coupons/${couponId}/claim`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
      const body = (await res.json()) as { code?: string }
      return { status: res.status, code: body.code, ms: performance.now() - t0 }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  const won = outcomes.filter((o) => o.status === 201).length
  const soldOut = outcomes.filter((o) => o.status === 409 && o.code === 'sold_out').length
  const stored = await sql<{ claimed_count: number; claims: string }>`
    SELECT claimed_count, (SELECT count(*) FROM coupon_claims WHERE coupon_id = c.id) AS claims FROM coupons c WHERE id = ${couponId}::uuid`.execute(db)
  const row = stored.rows[0]!
  const exact = won === COUPONS && soldOut === CLAIMERS - COUPONS && row.claimed_count === COUPONS && Number(row.claims) === COUPONS
  const sorted = Float64Array.from(outcomes.map((o) => o.ms)).sort()
  await sql`DELETE FROM coupons WHERE id = ${couponId}::uuid`.execute(db)
  await sql`DELETE FROM users WHERE email LIKE ${`storm-${run}-%@bench.o2o`}`.execute(db)
  return {
    result: {
      name: `claim storm (${CLAIMERS} claims of ${COUPONS}: ${won} won)`,
      kind: 'api',
      requests: CLAIMERS,
      rps: CLAIMERS / elapsed,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      errors: CLAIMERS - won - soldOut,
    },
    check: { target: `claim storm: exactly ${COUPONS} of ${CLAIMERS} claims win, the rest 409 sold_out`, measured: `${won} won, ${soldOut} sold_out, claimed_count ${row.claimed_count}`, met: exact },
  }
}
