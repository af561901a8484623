import { api, messageOf } from '../api'
import type { Session } from '../auth'
import { announce, field, formError, h } from '../dom'
import { replyBlock, reviewBody } from '../reviews/review-card'
import type { InboxReview, Page, Review } from '../reviews/types'
import type { Storefront } from '../storefront'

/**
 * The storefront's reviews inbox: unanswered first, then newest; reply inline (edit or delete the
 * reply), see how often each review was reported, and restore one that reports have hidden.
 */
export function reviewsInboxSection(session: Session, shop: Storefront): HTMLElement {
  const list = h('ul', { class: 'inbox-list', 'aria-live': 'polite' })
  const more = h('button', { type: 'button', hidden: true }, 'Load more')
  let cursor: string | null = null

  async function load(reset: boolean) {
    if (reset) (cursor = null, list.replaceChildren(h('li', { class: 'muted' }, 'Loading reviews…')))
    more.disabled = true
    try {
      const page = await api<Page<InboxReview>>(`/v1/merchants/${shop.id}/reviews/inbox${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { token: session.token })
      if (reset) list.replaceChildren()
      list.append(...page.data.map(item))
      if (!list.children.length) list.append(h('li', { class: 'muted' }, 'No reviews yet. Customers can review an order once you redeem its code.'))
      cursor = page.next_cursor
      more.hidden = !cursor
    } catch (err) {
      list.replaceChildren(h('li', { class: 'form-error', role: 'alert' }, `Reviews could not be loaded: ${messageOf(err)}`))
    } finally {
      more.disabled = false
    }
  }

  function item(review: InboxReview): HTMLElement {
    const li = h('li', { class: `review inbox-item${review.hidden ? ' is-hidden' : ''}`, 'data-id': review.id })
    const render = (r: InboxReview) => {
      const flags = h(
        'div',
        { class: 'row wrap' },
        r.reply ? null : h('span', { class: 'badge unanswered' }, 'Needs a reply'),
        r.report_count ? h('span', { class: 'badge reported' }, `Reported ${r.report_count}×`) : null,
        r.hidden ? h('span', { class: 'badge closed' }, 'Hidden from customers') : null,
        r.hidden ? h('button', { type: 'button', onclick: () => restore(r) }, 'Restore') : null,
      )
      li.replaceChildren(...(flags.children.length ? [flags] : []), ...reviewBody(r, shop.name), r.reply ? replyView(r) : replyEditor(r))
    }
    const replyView = (r: InboxReview) =>
      h('div', { class: 'stack' }, replyBlock(r.reply as NonNullable<Review['reply']>), h('div', { class: 'row' }, h('button', { type: 'button', onclick: () => li.lastElementChild?.replaceWith(replyEditor(r)) }, 'Edit reply'), h('button', { type: 'button', class: 'danger', onclick: () => removeReply(r) }, 'Delete reply')))

    function replyEditor(r: InboxReview): HTMLElement {
      const text = h('textarea', { name: 'reply', rows: 3, maxlength: 2000, required: true })
      text.value = r.reply?.text ?? ''
      const save = h('button', { type: 'submit', class: 'primary' }, r.reply ? 'Save reply' : 'Reply')
      const form = h(
        'form',
        { class: 'stack reply-form', novalidate: true },
        field(`Reply to ${r.author.display_name}`, text, 'Shown under the review, signed as the owner.'),
        h('p', { class: 'form-error', role: 'alert', hidden: true }),
        h('div', { class: 'row' }, save, r.reply ? h('button', { type: 'button', onclick: () => render(r) }, 'Cancel') : null),
      )
      form.addEventListener('submit', async (e) => {
        e.preventDefault()
        if (!text.value.trim()) return formError(form, 'Write a reply first.')
        save.disabled = true
        try {
          const saved = await api<Review>(`/v1/reviews/${r.id}/reply`, { method: 'PUT', body: { text: text.value.trim() }, token: session.token })
          announce('Reply posted: customers see it under the review.', 'success')
          render({ ...r, ...saved })
        } catch (err) {
          formError(form, messageOf(err))
          save.disabled = false
        }
      })
      return form
    }

    async function removeReply(r: InboxReview) {
      if (!confirm('Delete your reply?')) return
      try {
        await api(`/v1/reviews/${r.id}/reply`, { method: 'DELETE', token: session.token })
        announce('Reply deleted.', 'success')
        render({ ...r, reply: null })
      } catch (err) {
        announce(messageOf(err), 'error')
      }
    }
    async function restore(r: InboxReview) {
      try {
        const saved = await api<Review>(`/v1/reviews/${r.id}/restore`, { method: 'POST', token: session.token })
        announce('The review is visible to customers again.', 'success')
        li.classList.remove('is-hidden')
        render({ ...r, ...saved, hidden: false })
      } catch (err) {
        announce(messageOf(err), 'error')
      }
    }
    render(review)
    return li
  }

  more.addEventListener('click', () => void load(false))
  void load(true)
  return h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'inbox-title' },
    h('div', { class: 'row spread' }, h('h2', { id: 'inbox-title' }, 'Reviews'), h('button', { type: 'button', onclick: () => load(true) }, 'Refresh')),
    list,
    more,
  )
}
