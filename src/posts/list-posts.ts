import type { AppDeps, AuthUser } from '../context'
import { BadRequestError } from '../errors'
import { findVisibleMerchant } from '../merchants'
import { presentPosts } from './post-view'
import type { Post } from './posts.schemas'
import * as posts from './posts.repository'

interface PostCursor {
  m: string
  k: posts.PostKey
}

/** A visible storefront's posts, newest first, keyset-paged (stable while new posts arrive). */
export async function listMerchantPosts(deps: AppDeps, viewer: AuthUser | undefined, merchantId: string, query: { cursor?: string; limit: number }) {
  const store = await findVisibleMerchant(deps.db, viewer, merchantId)
  let after: posts.PostKey | undefined
  if (query.cursor) {
    const cursor = await deps.cursors.decode<PostCursor>(query.cursor)
    if (cursor?.m !== store.id || !Array.isArray(cursor.k)) throw new BadRequestError('cursor belongs to another listing; start again from the first page', 'invalid_cursor')
    after = cursor.k
  }
  const rows = await posts.listPosts(deps.db, store.id, after, query.limit + 1)
  const shown = rows.slice(0, query.limit)
  const last = shown[shown.length - 1]
  const next_cursor = rows.length > query.limit && last ? await deps.cursors.encode({ m: store.id, k: [last.created_key, last.id] } satisfies PostCursor) : null
  const data: Post[] = await presentPosts(deps.db, shown)
  return { data, next_cursor }
}
