import type { AppDeps, AuthUser } from '../context'
import { BadRequestError } from '../errors'
import { presentPosts } from '../posts/post-view'
import type { FeedItem } from './feed.schemas'
import * as feed from './feed.repository'

interface FeedCursor {
  u: string
  k: feed.FeedKey
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString())

/**
 * The caller's feed, newest first: posts of storefronts they follow and replies to their reviews.
 * The cursor is the last item's exact (created_at, id), so items arriving while paging land
 * before page one and never shift later pages (no repeats, no skips).
 */
export async function readFeed(deps: AppDeps, user: AuthUser, query: { cursor?: string; limit: number }): Promise<{ data: FeedItem[]; next_cursor: string | null }> {
  let after: feed.FeedKey | undefined
  if (query.cursor) {
    const cursor = await deps.cursors.decode<FeedCursor>(query.cursor)
    if (cursor?.u !== user.id || !Array.isArray(cursor.k)) throw new BadRequestError('cursor belongs to another listing; start again from the first page', 'invalid_cursor')
    after = cursor.k
  }
  const keys = await feed.feedKeys(deps.db, user.id, after, query.limit + 1)
  const shown = keys.slice(0, query.limit)
  const postIds = shown.filter((k) => k.kind === 'post').map((k) => k.id)
  const replyIds = shown.filter((k) => k.kind === 'review_reply').map((k) => k.id)
  const posts = new Map((await presentPosts(deps.db, await feed.postsByIds(deps.db, postIds))).map((p) => [p.id, p]))
  const replies = new Map((await feed.repliesByReviewIds(deps.db, replyIds)).map((r) => [r.review_id, r]))
  const data: FeedItem[] = []
  for (const k of shown) {
    const post = k.kind === 'post' ? posts.get(k.id) : undefined
    const reply = k.kind === 'review_reply' ? replies.get(k.id) : undefined
    // A post deleted (or reply removed) between the two reads is left out, not shown half.
    if (!post && !reply) continue
    data.push({
      type: k.kind,
      id: k.id,
      created_at: iso(k.created_at) as string,
      post: post ?? null,
      review_reply: reply
        ? { review_id: reply.review_id, merchant: { id: reply.merchant_id, name: reply.merchant_name }, rating: reply.rating, text: reply.text, edited_at: iso(reply.edited_at) }
        : null,
    })
  }
  const last = shown[shown.length - 1]
  const next_cursor = keys.length > query.limit && last ? await deps.cursors.encode({ u: user.id, k: [last.created_key, last.id] } satisfies FeedCursor) : null
  return { data, next_cursor }
}
