/** One benchmark line: throughput, latency percentiles and failures. */
export interface CaseResult {
  name: string
  kind: 'api' | 'sql' | 'redis'
  requests: number
  rps: number
  p50Ms: number
  p99Ms: number
  errors: number
}

/** Nearest-rank percentile of latencies in milliseconds. */
export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

/**
 * Runs `op` from `concurrency` loops for `seconds`, timing each call; a throw counts as an error.
 * Used for the baselines that have no HTTP in front of them. `warmSeconds` of unrecorded load
 * come first, as for the HTTP cases.
 */
export async function closedLoop(name: string, kind: CaseResult['kind'], concurrency: number, seconds: number, op: (i: number) => Promise<unknown>, warmSeconds = 0): Promise<CaseResult> {
  if (warmSeconds > 0) await closedLoop(name, kind, concurrency, warmSeconds, op)
  const latencies: number[] = []
  let errors = 0
  let counter = 0
  const deadline = performance.now() + seconds * 1000
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now()
        try {
          await op(counter++)
          latencies.push(performance.now() - t0)
        } catch {
          errors++
        }
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  const sorted = Float64Array.from(latencies).sort()
  return { name, kind, requests: latencies.length, rps: latencies.length / elapsed, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), errors }
}

/** Prints the results as one aligned table with the API ÷ SQL and API ÷ Redis ratios. */
export function formatTable(results: CaseResult[], ratios: Array<[string, number]>): string {
  const header = ['case', 'req/s', 'p50 ms', 'p99 ms', 'errors']
  const rows = results.map((r) => [r.name, r.rps.toFixed(0), r.p50Ms.toFixed(2), r.p99Ms.toFixed(2), String(r.errors)])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)]
  for (const [label, value] of ratios) out.push(`${label}: ${Number.isFinite(value) ? value.toFixed(2) : 'n/a'}`)
  return out.join('\n')
}

/** Unrecorded load before each measured case: connections open, code compiled, caches filled. */
export function warmUpSeconds(seconds: number): number {
  return Math.min(3, Math.max(1, Math.round(seconds / 5)))
}
