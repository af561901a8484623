import { Hono } from 'hono'
import type { AppEnv } from '../context'
import { NotFoundError } from '../errors'
import { IMMUTABLE, isMediaKey } from './storage'

/**
 * GET /media/<key>: stored images. A key's content never changes, so browsers and CDNs may keep
 * it for a year. With a bucket's public URL configured, browsers are sent there instead.
 */
export const mediaRoutes = new Hono<AppEnv>().get('/media/:key', async (c) => {
  const key = c.req.param('key')
  // Only keys of the shape the server makes are looked up: nothing else can name a file.
  if (!isMediaKey(key)) throw new NotFoundError('no such file', 'media_not_found')
  const { storage } = c.var.deps
  const direct = storage.publicUrl(key)
  if (direct) {
    c.header('Cache-Control', IMMUTABLE)
    return c.redirect(direct, 301)
  }
  const file = await storage.get(key)
  if (!file) throw new NotFoundError('no such file', 'media_not_found')
  return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': file.contentType,
    'Cache-Control': IMMUTABLE,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'",
  })
})
