import { z } from '@hono/zod-openapi'

/** A storefront category: stable slug and display names (English; Chinese when written). */
export const CategorySchema = z
  .object({
    slug: z.string().openapi({ example: 'coffee' }),
    name: z.string().openapi({ example: 'Coffee & tea', description: 'The English name (same as name_en)' }),
    name_en: z.string().openapi({ example: 'Coffee & tea' }),
    name_zh: z.string().nullable().openapi({ example: '咖啡茶饮', description: 'Simplified Chinese name; null when none is written yet' }),
  })
  .openapi('Category')

/** Every category, in display order, in the `{data, next_cursor}` shape of every list (one page: next_cursor is null). */
export const CategoryListSchema = z
  .object({ data: z.array(CategorySchema), next_cursor: z.null().openapi({ type: 'null' }) })
  .openapi('CategoryList')
