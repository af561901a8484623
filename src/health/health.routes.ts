import { createRoute, z } from '@hono/zod-openapi'
import { json, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { checkReadiness } from './readiness'

const DbKindSchema = z.enum(['postgres', 'pglite'])

const LivenessSchema = z.object({ status: z.literal('ok'), db: DbKindSchema }).openapi('Liveness')

const ReadinessSchema = z
  .object({
    status: z.literal('ready'),
    db: DbKindSchema,
    migrations: z.object({ applied: z.number().int(), expected: z.number().int() }),
  })
  .openapi('Readiness')

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Liveness: the process answers (no database access)',
  responses: { 200: json(LivenessSchema, 'The process is up') },
})

const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['Operations'],
  summary: 'Readiness: the database answers within 1 s and every migration is applied',
  description: 'Answers 503 with Retry-After while the database is unreachable or slow, migrations are pending, or the server is shutting down.',
  responses: { 200: json(ReadinessSchema, 'Ready for traffic'), ...problems(503) },
})

/** Liveness and readiness probes for load balancers and orchestrators. */
export const healthRoutes = newRouter()
  .openapi(healthRoute, (c) => c.json({ status: 'ok' as const, db: c.var.deps.dbKind }, 200))
  .openapi(readyRoute, async (c) => c.json(await checkReadiness(c.var.deps), 200))
