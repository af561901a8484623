import { createClient } from 'redis'

type Redis = ReturnType<typeof createClient>
import type pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { type CaseResult, closedLoop, warmUpSeconds } from './measure'

/**
 * Redis GEOSEARCH over the same merchants and points: loaded once from the database (reused
 * while the member count matches), then queried at the same concurrency. Null when Redis is down.
 */
export async function redisBaseline(
  url: string,
  key: string,
  client: pg.PoolClient,
  merchants: number,
  points: Array<{ lat: number; lng: number }>,
  connections: number,
  seconds: number,
  log: (m: string) => void,
): Promise<CaseResult | null> {
  const redis: Redis = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } })
  redis.on('error', () => {})
  try {
    await redis.connect()
  } catch {
    log(`Redis not reachable at ${url}: skipping the Redis baseline`)
    return null
  }
  try {
    if ((await redis.zCard(key)) !== merchants) await loadGeo(redis, key, client, log)
    return await closedLoop('redis GEOSEARCH 2 km', 'redis', connections, seconds, (i) => {
      const p = points[i % points.length]!
      return redis.sendCommand(['GEOSEARCH', key, 'FROMLONLAT', String(p.lng), String(p.lat), 'BYRADIUS', '2000', 'm', 'ASC', 'COUNT', '20', 'WITHDIST'])
    }, warmUpSeconds(seconds))
  } finally {
    await redis.quit().catch(() => {})
  }
}

async function loadGeo(redis: Redis, key: string, client: pg.PoolClient, log: (m: string) => void) {
  log('loading merchants into Redis GEO…')
  await redis.del(key)
  const stream = client.query(copyTo("COPY (SELECT lng, lat, id FROM merchants WHERE status = 'active') TO STDOUT"))
  let pending: string[] = []
  let rest = ''
  const flush = async () => {
    if (pending.length) await redis.sendCommand(['GEOADD', key, ...pending])
    pending = []
  }
  for await (const chunk of stream) {
    const lines = (rest + chunk.toString()).split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) {
      const [lng, lat, id] = line.split('\t')
      pending.push(lng!, lat!, id!)
    }
    if (pending.length > 30_000) await flush()
  }
  await flush()
}
