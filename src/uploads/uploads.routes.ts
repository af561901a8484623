import { createRoute, z } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../context'
import { ContentTooLargeError } from '../errors'
import { requireAuth } from '../http/auth'
import { bearer, json, problems } from '../http/responses'
import { idempotent } from '../http/idempotency'
import { newRouter } from '../http/validation'
import { createUpload } from './create-upload'
import { MAX_UPLOAD_BYTES, uploadsUnavailable } from './image-processor'
import { PhotoSchema } from './uploads.schemas'

const UploadForm = z.strictObject({
  file: z
    .instanceof(File, { error: 'must be one file' })
    .openapi({ type: 'string', format: 'binary', description: 'JPEG, PNG, WebP or AVIF, at most 10 MiB and 50 megapixels' }),
})

// Room for the multipart boundary and part headers around a file of the largest accepted size.
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024

const tooLarge = () => new ContentTooLargeError(`the upload is larger than ${MAX_UPLOAD_BYTES} bytes (10 MiB)`, 'file_too_large')

/** Refuses before reading the body where uploads are not set up (a Worker without R2). */
const needsImages = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.var.deps.images) throw uploadsUnavailable()
  await next()
})

const uploadRoute = createRoute({
  method: 'post',
  path: '/uploads',
  tags: ['Uploads'],
  summary: 'Upload one image (photos for reviews and storefronts)',
  description:
    'Checked by content, re-encoded (JPEG, or WebP when transparent) with every metadata field removed (EXIF, GPS, XMP, ICC), ' +
    'rotated upright, long side capped at 2048 px, plus a 400 px thumbnail. On Cloudflare Workers (no image library) JPEG, PNG and WebP ' +
    'are stored as sent minus every metadata block (a JPEG keeps only its orientation), not resized; the thumbnail URL is the image. ' +
    'Unattached uploads are deleted after a day.',
  security: bearer,
  // The size limit runs before the form is parsed: by Content-Length at once, else while streaming.
  // Idempotency-Key last: it reads the body, which only the limit may let through.
  middleware: [requireAuth, needsImages, bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw tooLarge() } }), idempotent] as const,
  request: { body: { required: true, content: { 'multipart/form-data': { schema: UploadForm } } } },
  responses: { 201: json(PhotoSchema, 'The stored photo'), ...problems(401, 413, 415, 422, 501) },
})

/** POST /v1/uploads. */
export const uploadsRoutes = newRouter().openapi(uploadRoute, async (c) =>
  c.json(await createUpload(c.var.deps, c.var.user, c.req.valid('form').file), 201),
)
