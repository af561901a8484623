import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * The caller's address as a rate-limit key. Trusts, in order: X-Forwarded-For only when
 * `trustProxyHops` > 0 (the entry that many hops from the right, the one our own proxy wrote);
 * the Node socket's peer address; Cloudflare's `cf-connecting-ip` only on Workers, where the edge
 * sets it. IPv6 addresses are keyed by their /64, which one subscriber usually holds whole.
 * @example clientIp(c, 0) // '203.0.113.7', or 'unknown' in-process (tests)
 */
export function clientIp(c: Context, trustProxyHops: number): string {
  if (trustProxyHops > 0) {
    const forwarded = c.req.header('x-forwarded-for')
    if (forwarded) {
      const hops = forwarded.split(',').map((s) => s.trim()).filter(Boolean)
      const entry = hops[Math.max(0, hops.length - trustProxyHops)]
      if (entry) return normalizeIp(entry)
    }
  }
  const socketAddress = nodePeerAddress(c)
  if (socketAddress) return normalizeIp(socketAddress)
  if (onWorkers()) {
    const edge = c.req.header('cf-connecting-ip')
    if (edge) return normalizeIp(edge)
  }
  return 'unknown'
}

function nodePeerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined // not served by @hono/node-server (Workers, or app.request in tests)
  }
}

function onWorkers(): boolean {
  return (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers'
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; IPv6 → its /64 prefix (`2001:db8:0:1::/64`); anything else as is. */
export function normalizeIp(address: string): string {
  const text = address.trim().toLowerCase().replace(/^\[|\]$/g, '')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (mapped?.[1]) return mapped[1]
  if (!text.includes(':')) return text.slice(0, 64)
  const [head = '', tail = ''] = text.split('%')[0]!.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = text.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left
  return `${groups.slice(0, 4).map((g) => (g || '0').replace(/^0+(?=.)/, '')).join(':')}::/64`
}
