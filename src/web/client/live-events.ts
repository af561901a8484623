import type { Session } from './auth'

/** One event from GET /v1/me/events. */
export interface LiveEvent {
  id: number
  type: 'order.status_changed' | 'store.posted' | 'coupon.expiring' | 'merchant.order'
  created_at: string
  [field: string]: unknown
}

type Listener = (event: LiveEvent) => void

interface Connection {
  listeners: Set<Listener>
  /** True while a stream response is open (pollers can rest then). */
  live: boolean
  stop(): void
}

const connections = new Map<string, Connection>()

/**
 * Listens to the signed-in person's event stream. EventSource cannot send an Authorization
 * header, so the stream is read with fetch; after a drop it reconnects with Last-Event-ID, and
 * the server replays what was missed. One connection per session, shared by every listener;
 * the returned function removes this listener (the connection closes with the last one).
 */
export function onLiveEvent(session: Session, listener: Listener): () => void {
  let conn = connections.get(session.token)
  if (!conn) {
    conn = connect(session.token)
    connections.set(session.token, conn)
  }
  conn.listeners.add(listener)
  const current = conn
  return () => {
    current.listeners.delete(listener)
    if (current.listeners.size === 0) {
      current.stop()
      connections.delete(session.token)
    }
  }
}

/** Whether this session's event stream is connected right now (false: poll instead). */
export function isLive(session: Session): boolean {
  return connections.get(session.token)?.live ?? false
}

function connect(token: string): Connection {
  const listeners = new Set<Listener>()
  const conn: Connection = { listeners, live: false, stop: () => abort.abort() }
  const abort = new AbortController()
  let lastId: string | undefined
  let delayMs = 1000
  const dispatch = (block: string) => {
    let id: string | undefined
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line.startsWith('id:')) id = line.slice(3).trim()
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
    }
    if (id) lastId = id
    if (data.length === 0) return
    try {
      const event = JSON.parse(data.join('\n')) as LiveEvent
      for (const l of [...listeners]) l(event)
    } catch {
      // a malformed event is skipped, not fatal
    }
  }
  const run = async () => {
    while (!abort.signal.aborted) {
      try {
        const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }
        if (lastId) headers['Last-Event-ID'] = lastId
        const res = await fetch('/v1/me/events', { headers, signal: abort.signal, cache: 'no-store' })
        if (res.status === 401 || res.status === 501 || !res.body) return
        delayMs = 1000
        conn.live = true
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            dispatch(buffer.slice(0, end))
            buffer = buffer.slice(end + 2)
          }
        }
      } catch {
        if (abort.signal.aborted) return
      } finally {
        conn.live = false
      }
      await new Promise((r) => setTimeout(r, delayMs))
      delayMs = Math.min(30_000, delayMs * 2)
    }
  }
  void run()
  return conn
}
