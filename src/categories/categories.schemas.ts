import { z } from '@hono/zod-openapi'

export const CategorySchema = z
  .object({
    slug: z.string().openapi({ example: 'coffee' }),
    name: z.string().openapi({ example: 'Coffee & tea' }),
  })
  .openapi('Category')

export const CategoryListSchema = z.array(CategorySchema).openapi('CategoryList')
