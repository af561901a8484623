import { z } from '@hono/zod-openapi'

/** A storefront category: stable slug and display name. */
export const CategorySchema = z
  .object({
    slug: z.string().openapi({ example: 'coffee' }),
    name: z.string().openapi({ example: 'Coffee & tea' }),
  })
  .openapi('Category')

/** Every category, in display order. */
export const CategoryListSchema = z.array(CategorySchema).openapi('CategoryList')
