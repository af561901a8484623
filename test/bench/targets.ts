import type { CaseResult } from './measure'

/** One target from the benchmark issue, judged on one run. */
export interface TargetCheck {
  target: string
  measured: string
  met: boolean
}

/**
 * Judges the run against the targets (1M merchants, concurrency 8). Printed and written to the
 * JSON only: a missed target never fails the harness.
 */
export function checkTargets(results: CaseResult[]): TargetCheck[] {
  const byName = (prefix: string) => results.find((r) => r.name.startsWith(prefix))
  const nearby = byName('nearby 2 km')
  const rare = byName('nearby 2 km, rare category')
  const city = byName('map viewport, city zoom')
  const worst = byName('map viewport, worst allowed')
  const rawSql = results.find((r) => r.kind === 'sql')
  const checks: TargetCheck[] = []
  if (nearby && rawSql) {
    const ratio = nearby.rps / rawSql.rps
    checks.push({ target: 'nearby API ≥ 60% of raw SQL throughput', measured: `${(ratio * 100).toFixed(0)}%`, met: ratio >= 0.6 })
  }
  if (nearby) checks.push({ target: 'nearby p99 ≤ 25 ms', measured: `${nearby.p99Ms.toFixed(1)} ms`, met: nearby.p99Ms <= 25 })
  if (nearby && rare) {
    const ratio = rare.p99Ms / nearby.p99Ms
    checks.push({ target: 'rare-category p99 ≤ 1.5× nearby p99', measured: `${ratio.toFixed(2)}×`, met: ratio <= 1.5 })
  }
  if (city) checks.push({ target: 'city-zoom map p99 ≤ 50 ms', measured: `${city.p99Ms.toFixed(1)} ms`, met: city.p99Ms <= 50 })
  if (worst) checks.push({ target: 'worst allowed map viewport p99 < 100 ms', measured: `${worst.p99Ms.toFixed(1)} ms`, met: worst.requests > 0 && worst.p99Ms < 100 })
  for (const page of [byName('reviews, first page'), byName('reviews, deep page')]) {
    if (page) checks.push({ target: `${page.name} p99 ≤ 25 ms`, measured: `${page.p99Ms.toFixed(1)} ms`, met: page.p99Ms <= 25 })
  }
  const feed = byName('feed, 1,000 followed stores')
  if (feed) checks.push({ target: 'feed of a consumer following 1,000 stores p99 ≤ 25 ms', measured: `${feed.p99Ms.toFixed(1)} ms`, met: feed.p99Ms <= 25 })
  for (const recs of [byName('recommendations, user with history'), byName('recommendations, cold start')]) {
    if (recs) checks.push({ target: `${recs.name} p99 ≤ 50 ms`, measured: `${recs.p99Ms.toFixed(1)} ms`, met: recs.p99Ms <= 50 })
  }
  const errors = results.reduce((sum, r) => sum + r.errors, 0)
  checks.push({ target: 'zero errors in every case', measured: String(errors), met: errors === 0 })
  return checks
}

/** The checks as lines under the table. */
export function formatTargets(checks: TargetCheck[]): string {
  return ['', 'targets (set for 1,000,000 merchants at concurrency 8; informative, never fatal):', ...checks.map((c) => `  ${c.met ? 'met   ' : 'MISSED'}  ${c.target}: ${c.measured}`)].join('\n')
}
