import type { Executor } from '../db/database'

/** Every category in display order, with its English and Chinese names (`name` is the English one). */
export async function listCategories(db: Executor): Promise<Array<{ slug: string; name: string; name_en: string; name_zh: string | null }>> {
  return db.selectFrom('categories').select(['slug', 'name', 'name as name_en', 'name_zh']).orderBy('position').orderBy('slug').execute()
}

/** Whether a category with this slug exists. */
export async function categoryExists(db: Executor, slug: string): Promise<boolean> {
  const row = await db.selectFrom('categories').select('slug').where('slug', '=', slug).executeTakeFirst()
  return row !== undefined
}
