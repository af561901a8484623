import { z } from '@hono/zod-openapi'

/** A photo as every endpoint shows it (see toPhoto). */
export const PhotoSchema = z
  .object({
    id: z.uuid(),
    url: z.string().openapi({ example: '/media/0f6c2d8e4b1a4c7e9d3f5a6b7c8d9e0f.jpg' }),
    thumbnail_url: z.string().openapi({ example: '/media/0f6c2d8e4b1a4c7e9d3f5a6b7c8d9e0f.thumb.jpg' }),
    width: z.number().int(),
    height: z.number().int(),
  })
  .openapi('Photo')

/** Request field listing photos by upload id, in display order. */
export function photoIdsField(max: number) {
  return z.array(z.string().max(64), { error: 'must be a list of upload ids' }).max(max, `at most ${max} photos`)
}
