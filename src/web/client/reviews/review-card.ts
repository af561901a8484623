import { api, ApiError, messageOf } from '../api'
import type { Session } from '../auth'
import { announce, h } from '../dom'
import { formatWhen } from '../format'
import { langOf, locale, t } from '../i18n'
import { photoStrip } from './lightbox'
import { reportForm } from './report'
import { openReviewForm } from './review-form'
import { shareButton } from './share'
import { starsView } from './stars'
import type { Review } from './types'

/** What a review card needs from the page around it. */
export interface ReviewContext {
  session(): Session | null
  signIn(): Promise<Session | null>
  shopName: string
  /** Whether the signed-in person wrote this review (edit/delete instead of helpful/report). */
  isMine(id: string): boolean
  /** After an edit or delete: reload the list and the shop's numbers. */
  changed(): void
}

const dateOnly = (iso: string) => new Date(iso).toLocaleDateString(locale(), { dateStyle: 'medium' })

/** The verified-visit line: when the order was redeemed and what was bought. */
export function visitBadge(review: Review): HTMLElement {
  const items = review.visit.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')
  return h('p', { class: 'visit' }, h('span', { class: 'badge verified', title: t('review.verifiedTitle') }, t('review.verified')), ` ${dateOnly(review.visit.visited_at)}${items ? ` · ${items}` : ''}`)
}

/** The owner's answer under a review. */
export function replyBlock(reply: NonNullable<Review['reply']>): HTMLElement {
  return h('div', { class: 'reply' }, h('p', { class: 'reply-head' }, h('strong', {}, t('review.replyFrom')), h('span', { class: 'muted' }, ` · ${dateOnly(reply.created_at)}${reply.edited_at ? ` ${t('review.editedReply')}` : ''}`)), h('p', { class: 'reply-text', lang: langOf(reply.text) }, reply.text))
}

/** The parts every review shows, for the storefront and the merchant inbox alike. */
export function reviewBody(review: Review, shopName: string): HTMLElement[] {
  return [
    h('div', { class: 'row spread wrap review-head' }, h('span', { class: 'row' }, h('strong', { class: 'author', lang: langOf(review.author.display_name) }, review.author.display_name), starsView(review.rating)), h('time', { class: 'muted', datetime: review.created_at }, `${dateOnly(review.created_at)}${review.edited_at ? ` · ${t('review.edited')}` : ''}`)),
    visitBadge(review),
    review.text ? h('p', { class: 'review-text', lang: langOf(review.text) }, review.text) : null,
    photoStrip(review.photos, t('review.photoCaption', { author: review.author.display_name, shop: shopName })),
  ].filter((n): n is HTMLElement => n !== null)
}

/** One review in the storefront panel, with helpful, report, share, and the author's edit/delete. */
export function reviewCard(review: Review, ctx: ReviewContext): HTMLElement {
  const card = h('li', { class: 'review', 'data-id': review.id })
  const actions = h('div', { class: 'row wrap review-actions' })
  if (ctx.isMine(review.id)) {
    actions.append(
      h('button', { type: 'button', onclick: () => edit() }, t('review.edit')),
      h('button', { type: 'button', class: 'danger', onclick: () => remove() }, t('review.delete')),
    )
  } else {
    actions.append(helpfulButton(review, ctx), h('button', { type: 'button', onclick: () => report() }, t('review.report')))
  }
  actions.append(shareButton(review.share_url, t('review.share'), t('review.shareLabel', { author: review.author.display_name })))
  card.append(...reviewBody(review, ctx.shopName), actions, ...(review.reply ? [replyBlock(review.reply)] : []))

  async function edit() {
    const session = ctx.session()
    if (!session) return
    const saved = await openReviewForm(session, { kind: 'edit', review, shopName: ctx.shopName })
    if (saved) (announce(t('orders.reviewUpdated'), 'success'), ctx.changed())
  }
  async function remove() {
    const session = ctx.session()
    if (!session || !confirm(t('review.deleteConfirm'))) return
    try {
      await api(`/v1/reviews/${review.id}`, { method: 'DELETE', token: session.token })
      announce(t('review.deleted'), 'success')
      ctx.changed()
    } catch (err) {
      announce(messageOf(err), 'error')
    }
  }
  async function report() {
    const session = ctx.session() ?? (await ctx.signIn())
    if (!session || card.querySelector('.report-form')) return
    const form = reportForm(session, review.id, () => form.remove())
    actions.after(form)
    form.querySelector('select')?.focus()
  }
  return card
}

/** "Helpful (3)", a toggle button (aria-pressed) that needs a signed-in person. */
function helpfulButton(review: Review, ctx: ReviewContext): HTMLButtonElement {
  let state = { helpful_count: review.helpful_count, viewer_found_helpful: review.viewer_found_helpful }
  const button = h('button', { type: 'button', class: 'helpful' })
  const show = () => {
    button.textContent = state.helpful_count ? t('review.helpfulCount', { count: state.helpful_count }) : t('review.helpful')
    button.setAttribute('aria-pressed', String(state.viewer_found_helpful))
  }
  button.addEventListener('click', async () => {
    const session = ctx.session() ?? (await ctx.signIn())
    if (!session) return
    button.disabled = true
    try {
      state = await api(`/v1/reviews/${review.id}/helpful`, { method: state.viewer_found_helpful ? 'DELETE' : 'PUT', token: session.token })
      show()
    } catch (err) {
      announce(err instanceof ApiError && err.status === 403 ? t('review.ownVote') : messageOf(err), 'error')
    } finally {
      button.disabled = false
    }
  })
  show()
  return button
}
