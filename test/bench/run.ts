import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import { openPostgres } from '../../src/db/client'
import { migrateToLatest } from '../../src/db/migrate'
import { REFRESH_RECOMMENDATIONS_JOB } from '../../src/recommendations/refresh'
import { startServerProcess } from '../support/server-process'
import { claimStorm } from './claim-storm'
import { BENCH_CONSUMER, ensureDataset } from './dataset'
import { type HttpCase, runHttpCase } from './http-load'
import { type CaseResult, formatTable } from './measure'
import { bboxAround, queryPoints } from './points'
import { redisBaseline } from './redis-baseline'
import { reviewCases } from './reviews'
import { fanCases, postVisibility } from './fans'
import { SCALE_CASE_NAMES, scaleCases } from './scale-cases'
import { recommendationCases } from './recommendations'
import { sqlBaseline } from './sql-baseline'
import { RARE_CATEGORY } from './synthetic'
import { checkTargets, formatTargets, type TargetCheck } from './targets'

const log = (m: string) => console.log(`[bench] ${m}`)

const { values: args } = parseArgs({
  options: {
    merchants: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '8' },
    out: { type: 'string' },
    database: { type: 'string', default: 'o2o_bench' },
    // Comma-separated case-name prefixes to run (e.g. "reviews,nearby 2 km"); baselines only when absent.
    only: { type: 'string' },
    // Serve the API from another checkout (its src/server.ts), e.g. the code before a change, on the same data.
    'server-root': { type: 'string' },
  },
})

async function main() {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) {
    console.error('[bench] DATABASE_URL is required: the benchmark runs against a real Postgres/PostGIS server, not the embedded default.')
    process.exit(2)
  }
  const merchants = Number(args.merchants)
  const seconds = Number(args.seconds)
  const connections = Number(args.connections)
  if (!(merchants >= 100 && seconds >= 1 && connections >= 1)) throw new Error('--merchants ≥ 100, --seconds ≥ 1 and --connections ≥ 1')

  // The benchmark keeps its data in its own database on the same server, never in yours.
  const benchUrl = new URL(serverUrl)
  benchUrl.pathname = `/${args.database}`
  const admin = openPostgres(serverUrl, { max: 1 })
  const exists = await sql`SELECT 1 FROM pg_database WHERE datname = ${args.database}`.execute(admin.db)
  if (exists.rows.length === 0) await sql`CREATE DATABASE ${sql.id(args.database)}`.execute(admin.db)
  await admin.close()

  const handle = openPostgres(benchUrl.toString(), { max: 2 })
  const pool = new pg.Pool({ connectionString: benchUrl.toString(), max: connections + 1, options: '-c jit=off' })
  const copyClient = await pool.connect()
  await migrateToLatest(handle.db)
  const dataset = await ensureDataset(handle, copyClient, merchants, log)

  // The loaders rebuild the recommendation tables themselves; the server's hourly rebuild (over ten
  // minutes at full size) would otherwise start with it and run under the cases it does not measure.
  await sql`
    INSERT INTO jobs (kind, dedupe_key, run_at, every_ms) VALUES (${REFRESH_RECOMMENDATIONS_JOB}, ${`every:${REFRESH_RECOMMENDATIONS_JOB}`}, now() + interval '1 day', 3600000)
    ON CONFLICT (dedupe_key) DO UPDATE SET run_at = EXCLUDED.run_at, locked_until = NULL, locked_by = NULL`.execute(handle.db)

  const jwtSecret = 'bench-secret-bench-secret-bench-secret-00'
  // One benchmark client places every order: lift its write limit (the count is still kept).
  const api = await startServerProcess({ DATABASE_URL: benchUrl.toString(), JWT_SECRET: jwtSecret, RATE_LIMIT_WRITE_MAX: '100000000' }, { echo: 'stderr', root: args['server-root'] })
  const results: CaseResult[] = []
  const extraChecks: TargetCheck[] = []
  try {
    const points = queryPoints()
    const p = (i: number) => points[i % points.length]!
    const cases: HttpCase[] = [
      { name: 'nearby 2 km', build: (i) => ({ path: `/v1/search/nearby?lat=${p(i).lat}&lng=${p(i).lng}&radius_m=2000` }) },
      { name: `nearby 2 km, rare category (${RARE_CATEGORY})`, build: (i) => ({ path: `/v1/search/nearby?lat=${p(i).lat}&lng=${p(i).lng}&radius_m=2000&category=${RARE_CATEGORY}` }) },
      { name: 'nearby 2 km as GeoJSON', build: (i) => ({ path: `/v1/search/nearby?lat=${p(i).lat}&lng=${p(i).lng}&radius_m=2000&format=geojson` }) },
      { name: 'map viewport, city zoom 11', build: (i) => ({ path: `/v1/search/map?bbox=${bboxAround(p(i), 40_000, 25_000)}&zoom=11` }) },
      { name: 'map viewport, street zoom 16', build: (i) => ({ path: `/v1/search/map?bbox=${bboxAround(p(i), 1_300, 800)}&zoom=16` }) },
      // The largest box still accepted at street zoom: a 14.5 km square at zoom 15 is served one
      // resolution coarser, just under the default MAP_MAX_CELLS (≈ 394 of 400); larger → 422.
      { name: 'map viewport, worst allowed (14.5 km at zoom 15)', build: (i) => ({ path: `/v1/search/map?bbox=${bboxAround(p(i), 14_500, 14_500)}&zoom=15` }) },
    ]
    cases.push(...(await reviewCases(handle, api.url)))
    const fans = await fanCases(handle, jwtSecret, merchants, log)
    const visibleMs = await postVisibility(api.url, fans)
    log(`a post by the store with many followers was first in a follower's feed ${visibleMs.toFixed(1)} ms after POST began`)
    cases.push(...fans)
    const only = args.only?.split(',').map((p) => p.trim()).filter(Boolean)
    // Its people and visits take many minutes to load at full size: only when its cases will run.
    if (!only || only.some((prefix) => 'recommendations'.startsWith(prefix) || prefix.startsWith('recommendations'))) {
      cases.push(...(await recommendationCases(handle, jwtSecret, merchants, points, log)))
    }
    const order = await orderCase(api.url, dataset.orderTarget)
    if (order) cases.push(order)
    else log('order creation not benchmarked: no orders API on this build')

    for (const c of cases) {
      if (only && !only.some((prefix) => c.name.startsWith(prefix))) continue
      log(`running ${c.name}…`)
      results.push(await runHttpCase(api.url, c, connections, seconds))
    }
    if (dataset.orderTarget) {
      log('running claim storm…')
      const storm = await claimStorm(handle, api.url, jwtSecret, dataset.orderTarget.merchantId)
      results.push(storm.result)
      extraChecks.push(storm.check)
    }
    // Let requests the load generator abandoned at the end of the last case finish before stopping.
    await new Promise((r) => setTimeout(r, 1000))
    await api.stop()
    if (!only || only.some((prefix) => SCALE_CASE_NAMES.some((name) => name.startsWith(prefix)))) {
      results.push(...(await scaleCases(benchUrl.toString(), jwtSecret, cases[0] as HttpCase, connections, seconds, log)))
    }
    if (!only || only.some((prefix) => prefix.startsWith('raw SQL'))) {
      log('running raw SQL baseline…')
      results.push(await sqlBaseline(handle.db, pool, points, connections, seconds))
    }
    if (!only) {
      // One key per bench database, so a quick run does not evict the full-size set.
      const redis = await redisBaseline(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', `o2o:bench:${args.database}`, copyClient, merchants, points, connections, seconds, log)
      if (redis) results.push(redis)
    }
  } finally {
    await api.stop()
    copyClient.release()
    await pool.end()
    await handle.close()
  }

  const nearby = results.find((r) => r.name === 'nearby 2 km')
  const rawSql = results.find((r) => r.kind === 'sql')
  const redis = results.find((r) => r.kind === 'redis')
  const ratios: Array<[string, number]> = [
    ['nearby API ÷ raw SQL (throughput)', rawSql && nearby ? nearby.rps / rawSql.rps : Number.NaN],
    ['nearby API ÷ Redis GEOSEARCH (throughput)', redis && nearby ? nearby.rps / redis.rps : Number.NaN],
  ]
  console.log(`\n${merchants.toLocaleString()} merchants, ${connections} connections, ${seconds} s per case\n`)
  console.log(formatTable(results, ratios))
  const targets = [...checkTargets(results), ...extraChecks]
  console.log(formatTargets(targets))
  if (args.out) {
    const report = { at: new Date().toISOString(), merchants, connections, seconds, dataset, results, ratios: Object.fromEntries(ratios), targets }
    await writeFile(args.out, `${JSON.stringify(report, null, 2)}\n`)
    log(`wrote ${args.out}`)
  }
}

async function orderCase(baseUrl: string, target: { merchantId: string; offeringId: string } | null): Promise<HttpCase | null> {
  const doc = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as { paths: Record<string, unknown> }
  if (!doc.paths['/v1/orders'] || !target) return null
  const login = await fetch(`${baseUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_CONSUMER) })
  const { token } = (await login.json()) as { token: string }
  const body = JSON.stringify({ merchant_id: target.merchantId, items: [{ offering_id: target.offeringId, quantity: 1 }], payment_method: 'cash' })
  const run = Date.now().toString(36)
  return {
    name: 'order creation (cash)',
    method: 'POST',
    build: (i) => ({ path: '/v1/orders', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `bench-${run}-${i}` } }),
  }
}

main().catch((err) => {
  console.error(`[bench] failed: ${err instanceof Error ? err.stack : String(err)}`)
  process.exit(1)
})
