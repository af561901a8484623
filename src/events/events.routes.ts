import { createRoute, z } from '@hono/zod-openapi'
import { streamSSE } from 'hono/streaming'
import { NotImplementedError, ValidationError } from '../errors'
import { requireAuth } from '../http/auth'
import { bearer, problems } from '../http/responses'
import { NoQuery } from '../http/text'
import { newRouter } from '../http/validation'
import { runEventStream } from './event-stream'
import { USER_EVENT_TYPES } from './user-event.table'

const events = createRoute({
  method: 'get', path: '/me/events', tags: ['Live updates'],
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Server-Sent Events for you: order status changes, posts of stores you follow, orders at your storefronts',
  description: `Event types: ${USER_EVENT_TYPES.join(', ')}. Each event has an \`id\`; reconnect with \`Last-Event-ID\` to replay what you missed (within EVENTS_REPLAY_MINUTES). A \`: heartbeat\` comment comes every 15 s.`,
  request: { query: NoQuery },
  responses: {
    200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...problems(401, 422, 501),
  },
})

function parseLastEventId(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined
  if (!/^\d{1,15}$/.test(header)) throw new ValidationError('Invalid Last-Event-ID: must be an event id', [{ path: 'Last-Event-ID', message: 'must be an event id' }])
  return Number(header)
}

/** GET /v1/me/events: the signed-in user's live event stream. */
export const eventsRoutes = newRouter().openapi(events, async (c) => {
  const hub = c.var.deps.events
  if (!hub) throw new NotImplementedError('live events need the Node server (LISTEN/NOTIFY)', 'events_unavailable')
  const lastEventId = parseLastEventId(c.req.header('Last-Event-ID'))
  const { deps, user } = c.var
  c.header('Cache-Control', 'no-store')
  c.header('X-Accel-Buffering', 'no')
  return streamSSE(c, (stream) => runEventStream(deps, hub, user, lastEventId, stream)) as never
})
