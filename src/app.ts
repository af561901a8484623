import { OpenAPIHono } from '@hono/zod-openapi'
import { requestId } from 'hono/request-id'
import { authRoutes } from './auth/auth.routes'
import { availabilityRoutes } from './bookings/availability.routes'
import { categoriesRoutes } from './categories/categories.routes'
import { couponsRoutes } from './coupons/coupons.routes'
import { merchantsRoutes } from './merchants/merchants.routes'
import { offeringsRoutes } from './offerings/offerings.routes'
import type { AppDeps, AppEnv } from './context'
import { healthRoutes } from './health/health.routes'
import { docsRoutes } from './docs/docs.routes'
import { eventsRoutes } from './events/events.routes'
import { feedRoutes } from './feed/feed.routes'
import { followsRoutes } from './follows/follows.routes'
import { postsRoutes } from './posts/posts.routes'
import { serveOpenApiDocument } from './docs/openapi.routes'
import { limitRequestBodies } from './http/body-limit'
import { cacheApi, corsFor, dropTrailingSlash, negotiate } from './http/conventions'
import { IDEMPOTENT_ROUTES, idempotent } from './http/idempotency'
import { notFoundHandler } from './http/not-found'
import { handleError } from './http/problem'
import { problemsRoutes } from './problems/problems.routes'
import { securityHeaders } from './http/security-headers'
import { newRouter } from './http/validation'
import { ordersRoutes } from './orders/orders.routes'
import { limitSignIns, limitWrites } from './rate-limit/rate-limit.middleware'
import { payoutsRoutes } from './payments/payouts.routes'
import { redemptionsRoutes } from './redemptions/redemptions.routes'
import { recommendationsRoutes } from './recommendations/recommendations.routes'
import { reviewsRoutes } from './reviews/reviews.routes'
import { storefrontReportsRoutes } from './storefront-reports/storefront-reports.routes'
import { searchRoutes } from './search/search.routes'
import { shareRoutes } from './share/share.routes'
import { tilesRoutes } from './tiles/tiles.routes'
import { placesRoutes } from './places/places.routes'
import { mediaRoutes, registerMediaDoc } from './uploads/media.routes'
import { uploadsRoutes } from './uploads/uploads.routes'
import { stripeWebhookRoutes } from './webhooks/stripe-webhook.routes'
import { webRoutes } from './web/web.routes'
import { splitsRoutes } from './splits/splits.routes'

/** The v1 API: every feature's routes, mounted under /v1. */
function createApi() {
  return newRouter()
    .route('/', authRoutes)
    .route('/', searchRoutes)
    .route('/', tilesRoutes)
    .route('/', categoriesRoutes)
    .route('/', merchantsRoutes)
    .route('/', offeringsRoutes)
    .route('/', ordersRoutes)
    .route('/', redemptionsRoutes)
    .route('/', reviewsRoutes)
    .route('/', availabilityRoutes)
    .route('/', payoutsRoutes)
    .route('/', stripeWebhookRoutes)
    .route('/', uploadsRoutes)
    .route('/', followsRoutes)
    .route('/', postsRoutes)
    .route('/', feedRoutes)
    .route('/', eventsRoutes)
    .route('/', placesRoutes)
    .route('/', splitsRoutes)
    .route('/', couponsRoutes)
    .route('/', recommendationsRoutes)
    .route('/', storefrontReportsRoutes)
}

/**
 * Builds the whole HTTP app over `deps`; Node (src/server.ts) and Workers (src/worker.ts) share it.
 * @example const app = createApp(deps); const res = await app.request('/health')
 */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>()
  app.use('*', requestId())
  app.use('*', securityHeaders(deps.config))
  app.use('*', limitRequestBodies())
  // HTTP conventions (src/http/conventions.ts): CORS allow-list, 406, trailing slash → 308, caching.
  app.use('*', corsFor(deps.config.CORS_ORIGINS))
  app.use('*', negotiate)
  app.use('*', dropTrailingSlash)
  app.use('*', cacheApi)
  app.use('*', async (c, next) => {
    // Workers pass this request's own deps (a connection opened for it) as env.requestDeps.
    c.set('deps', (c.env as { requestDeps?: AppDeps } | undefined)?.requestDeps ?? deps)
    await next()
  })
  if (deps.config.LOG_REQUESTS) {
    app.use('*', async (c, next) => {
      const started = performance.now()
      await next()
      console.log(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`)
    })
  }

  // Abuse limits (src/rate-limit): every write per account or IP, sign-ins also per IP and email.
  app.use('/v1/*', limitWrites)
  app.on('POST', ['/v1/auth/login', '/v1/auth/register'], limitSignIns)
  app.on('POST', IDEMPOTENT_ROUTES, idempotent)

  app.route('/', healthRoutes)
  app.route('/v1', createApi())

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
  registerMediaDoc(app.openAPIRegistry)
  serveOpenApiDocument(app)
  app.route('/', docsRoutes)
  app.route('/', mediaRoutes)
  app.route('/', problemsRoutes)
  // The browser app on Node; on Workers its pages and assets are static assets served before the Worker runs.
  app.route('/', webRoutes)
  // Public share pages: server-rendered HTML, on Node and Workers alike.
  app.route('/', shareRoutes)

  app.notFound(notFoundHandler(app))
  app.onError(handleError)
  return app
}

export type App = ReturnType<typeof createApp>
