import autocannon from 'autocannon'
import { type CaseResult, warmUpSeconds } from './measure'

export interface HttpCase {
  name: string
  method?: 'GET' | 'POST'
  /** Builds the i-th request, so every request asks something slightly different. */
  build(i: number): { path: string; body?: string; headers?: Record<string, string> }
}

/** Drives `baseUrl` with autocannon at fixed concurrency; any non-2xx answer counts as an error. */
export async function runHttpCase(baseUrl: string, c: HttpCase, connections: number, seconds: number): Promise<CaseResult> {
  let i = 0
  const load = (duration: number) => autocannon({
    url: baseUrl,
    connections,
    duration,
    requests: [
      {
        method: c.method ?? 'GET',
        setupRequest: (req) => {
          const next = c.build(i++)
          return { ...req, path: next.path, body: next.body, headers: { ...req.headers, ...next.headers } }
        },
      },
    ],
  })
  await load(warmUpSeconds(seconds)) // unrecorded: connections open, code compiled, caches filled
  const result = await load(seconds)
  return {
    name: c.name,
    kind: 'api',
    requests: result['2xx'],
    rps: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  }
}
