import type { SSEStreamingApi } from 'hono/streaming'
import type { AppDeps, AuthUser } from '../context'
import type { EventHub } from './event-hub'
import { eventsSince } from './events.repository'
import type { UserEventRow } from './user-event.table'

/** A comment line this often keeps proxies and browsers from timing the stream out. */
export const HEARTBEAT_MS = 15_000
/** Most events one reconnect replays. */
const MAX_REPLAY = 500

/** The JSON `data` of an event as the stream sends it. */
export function eventData(event: UserEventRow): string {
  return JSON.stringify({ id: event.id, type: event.type, created_at: new Date(event.created_at).toISOString(), ...event.payload })
}

/**
 * Feeds one SSE stream: subscribes first (so nothing raised meanwhile is missed), replays what
 * came after `lastEventId` within the replay window, then sends live events and heartbeats until
 * the client goes away or a newer stream of the same user pushes this one out.
 */
export async function runEventStream(deps: AppDeps, hub: EventHub, user: AuthUser, lastEventId: number | undefined, stream: SSEStreamingApi): Promise<void> {
  const pending: UserEventRow[] = []
  const sent = new Set<number>()
  let closed = false
  let wake: (() => void) | undefined
  const unsubscribe = await hub.subscribe(user.id, {
    send: (event) => {
      pending.push(event)
      wake?.()
    },
    close: () => {
      closed = true
      wake?.()
    },
  })
  stream.onAbort(() => {
    closed = true
    wake?.()
  })
  const write = async (event: UserEventRow) => {
    const id = Number(event.id)
    if (sent.has(id)) return
    sent.add(id)
    if (sent.size > 2 * MAX_REPLAY) sent.delete(sent.values().next().value as number)
    await stream.writeSSE({ id: String(id), event: event.type, data: eventData(event) })
  }
  try {
    await stream.write(': connected\n\n')
    if (lastEventId !== undefined) {
      const since = new Date(deps.now().getTime() - deps.config.EVENTS_REPLAY_MINUTES * 60_000)
      for (const event of await eventsSince(deps.db, user.id, lastEventId, since, MAX_REPLAY)) await write(event)
    }
    while (!closed && !stream.aborted) {
      pending.sort((a, b) => Number(a.id) - Number(b.id))
      for (let next = pending.shift(); next; next = pending.shift()) await write(next)
      const timedOut = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), HEARTBEAT_MS)
        wake = () => {
          clearTimeout(timer)
          resolve(false)
        }
      })
      wake = undefined
      if (timedOut && !closed) await stream.write(': heartbeat\n\n')
    }
  } finally {
    unsubscribe()
  }
}
