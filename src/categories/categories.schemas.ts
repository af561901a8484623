import { z } from '@hono/zod-openapi'

/** A storefront category: stable slug and display name. */
export const CategorySchema = z
  .object({
    slug: z.string().openapi({ example: 'coffee' }),
    name: z.string().openapi({ example: 'Coffee & tea' }),
  })
  .openapi('Category')

/** Every category, in display order, in the `{data, next_cursor}` shape of every list (one page: next_cursor is null). */
export const CategoryListSchema = z
  .object({ data: z.array(CategorySchema), next_cursor: z.null().openapi({ type: 'null' }) })
  .openapi('CategoryList')
