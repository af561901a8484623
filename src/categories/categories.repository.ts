import type { Executor } from '../db/database'

/** Every category in display order. */
export async function listCategories(db: Executor): Promise<Array<{ slug: string; name: string }>> {
  return db.selectFrom('categories').select(['slug', 'name']).orderBy('position').orderBy('slug').execute()
}

/** Whether a category with this slug exists. */
export async function categoryExists(db: Executor, slug: string): Promise<boolean> {
  const row = await db.selectFrom('categories').select('slug').where('slug', '=', slug).executeTakeFirst()
  return row !== undefined
}
