import type { AppDeps, AuthUser } from '../context'
import { withTransaction } from '../db/transaction'
import { ForbiddenError } from '../errors'
import { loadReview } from './review-rules'
import * as reviews from './reviews.repository'

export interface HelpfulState {
  helpful_count: number
  viewer_found_helpful: boolean
}

/**
 * Marks (`helpful` true) or unmarks a review as helpful for `user`: one vote per user, never on
 * their own review; the count is kept by a trigger on the votes, so concurrent votes add up.
 */
export async function setHelpful(deps: AppDeps, user: AuthUser, id: string, helpful: boolean): Promise<HelpfulState> {
  return withTransaction(deps.db, async (trx) => {
    // Key-share: the review cannot be deleted under the vote (which would break its foreign key).
    const row = await loadReview(trx, id, user, { lock: 'key-share' })
    if (row.author_id === user.id) throw new ForbiddenError('you cannot vote on your own review', 'own_review')
    if (helpful) await reviews.insertVote(trx, row.id, user.id)
    else await reviews.deleteVote(trx, row.id, user.id)
    return { helpful_count: await reviews.findHelpfulCount(trx, row.id), viewer_found_helpful: helpful }
  })
}
