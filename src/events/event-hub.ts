import type { Kysely } from 'kysely'
import type { DatabaseHandle } from '../db/client'
import type { Database } from '../db/database'
import { followersAmong } from '../follows/follows.repository'
import { EVENTS_CHANNEL, type EventNotice, findEvent } from './events.repository'
import type { UserEventRow } from './user-event.table'

/** One open event stream of a user. */
export interface EventSubscriber {
  send(event: UserEventRow): void
  /** Ends the stream (a newer stream of the same user pushed it out). */
  close(): void
}

/** Routes database notifications to the event streams open in this process. */
export interface EventHub {
  /** Adds a stream for `userId`; past the per-user limit the oldest one is closed. Returns the unsubscribe. */
  subscribe(userId: string, subscriber: EventSubscriber): Promise<() => void>
  /** Open streams in this process (for tests and health). */
  size(): number
  close(): Promise<void>
}

/**
 * One listener per process on the events channel, shared by every stream: a user event goes to
 * that user's streams; a storefront event to the streams of users who follow it (one query per
 * event for the users connected here, never a scan of all followers).
 */
export function createEventHub(db: Kysely<Database>, listen: DatabaseHandle['listen'], options: { maxStreamsPerUser: number }): EventHub {
  const streams = new Map<string, EventSubscriber[]>()
  let listening: Promise<() => Promise<void>> | undefined
  let count = 0

  const deliver = async (notice: EventNotice) => {
    let recipients: string[]
    if (notice.user_id) recipients = streams.has(notice.user_id) ? [notice.user_id] : []
    else if (notice.merchant_id) recipients = await followersAmong(db, notice.merchant_id, [...streams.keys()])
    else recipients = []
    if (recipients.length === 0) return
    const event = await findEvent(db, notice.id)
    if (!event) return
    for (const userId of recipients) for (const s of streams.get(userId) ?? []) s.send(event)
  }

  const onPayload = (payload: string) => {
    let notice: EventNotice
    try {
      notice = JSON.parse(payload) as EventNotice
    } catch {
      return
    }
    deliver(notice).catch((err) => console.error(`event delivery failed: ${(err as Error).message}`))
  }

  return {
    async subscribe(userId, subscriber) {
      if (!listen) throw new Error('this database cannot LISTEN')
      listening ??= listen(EVENTS_CHANNEL, onPayload)
      await listening
      const list = streams.get(userId) ?? []
      list.push(subscriber)
      streams.set(userId, list)
      count++
      while (list.length > options.maxStreamsPerUser) {
        const oldest = list.shift()
        count--
        oldest?.close()
      }
      return () => {
        const current = streams.get(userId) ?? []
        const i = current.indexOf(subscriber)
        if (i < 0) return
        current.splice(i, 1)
        count--
        if (current.length === 0) streams.delete(userId)
      }
    },
    size: () => count,
    async close() {
      for (const list of [...streams.values()]) for (const s of [...list]) s.close()
      const stop = await listening
      listening = undefined
      await stop?.()
    },
  }
}
