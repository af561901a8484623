import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv } from '../context'
import { NotFoundError } from '../errors'
import { readStorefront, toStorefront } from '../merchants'
import { findPublicReview, latestPublicReviews } from '../reviews'
import { renderNotFoundPage, renderSharePage } from './share-page'

/** How many reviews the storefront page lists. */
const LATEST_REVIEWS = 10

function html(c: Context<AppEnv>, body: string, status: 200 | 404) {
  return c.body(body, status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': status === 200 ? 'public, max-age=60' : 'no-cache' })
}

/** Reads the published storefront, or null for unknown ids and drafts. */
async function publicStorefront(c: Context<AppEnv>, id: string) {
  try {
    return toStorefront((await readStorefront(c.var.deps, undefined, id)).merchant)
  } catch (err) {
    if (err instanceof NotFoundError) return null
    throw err
  }
}

/** The cover photo as an absolute URL (storefront photos add `cover_url`; absent until then). */
function coverUrl(store: object, origin: string): string | null {
  const url = (store as { cover_url?: string | null }).cover_url
  if (!url) return null
  return /^https?:\/\//.test(url) ? url : `${origin}${url}`
}

/** Public, server-rendered share pages: a storefront (`/s/:id`) and one of its reviews. No sign-in. */
export const shareRoutes = new Hono<AppEnv>()
  .get('/s/:id', async (c) => {
    const store = await publicStorefront(c, c.req.param('id'))
    if (!store) return html(c, renderNotFoundPage(), 404)
    const origin = new URL(c.req.url).origin
    const reviews = await latestPublicReviews(c.var.deps.db, store.id, LATEST_REVIEWS)
    return html(c, renderSharePage({ store, reviews, origin, coverUrl: coverUrl(store, origin) }), 200)
  })
  .get('/s/:id/reviews/:reviewId', async (c) => {
    const store = await publicStorefront(c, c.req.param('id'))
    const focus = store ? await findPublicReview(c.var.deps.db, store.id, c.req.param('reviewId')) : undefined
    if (!store || !focus) return html(c, renderNotFoundPage(), 404)
    const origin = new URL(c.req.url).origin
    const reviews = await latestPublicReviews(c.var.deps.db, store.id, 5)
    return html(c, renderSharePage({ store, reviews, focus, origin, coverUrl: coverUrl(store, origin) }), 200)
  })
