import { type OpenAPIHono, z } from '@hono/zod-openapi'
import { problems } from '../http/responses'
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

/** Describes GET /media/{key} in the OpenAPI document (the route itself is plain Hono: binary bodies). */
export function registerMediaDoc(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerPath({
    method: 'get',
    path: '/media/{key}',
    tags: ['Uploads'],
    summary: 'A stored image (immutable; cached for a year)',
    request: { params: z.object({ key: z.string().regex(/^[A-Za-z0-9._-]+$/).openapi({ description: 'Media key as returned in a photo URL' }) }) },
    responses: {
      200: {
        // PNG only from Workers uploads, which keep the format sent.
        description: 'The image bytes',
        content: Object.fromEntries(['image/jpeg', 'image/png', 'image/webp'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
      },
      301: { description: 'Moved to the bucket’s public URL', headers: { Location: { description: 'Where the image is', schema: { type: 'string', format: 'uri' } } } },
      ...problems(404),
    },
  })
}
