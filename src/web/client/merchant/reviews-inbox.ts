import { api, messageOf } from '../api'
import type { Session } from '../auth'
import { announce, field, formError, h } from '../dom'
import { t } from '../i18n'
import { replyBlock, reviewBody } from '../reviews/review-card'
import type { InboxReview, Page, Review } from '../reviews/types'
import type { Storefront } from '../storefront'

/**
 * The storefront's reviews inbox: unanswered first, then newest; reply inline (edit or delete the
 * reply), see how often each review was reported, and restore one that reports have hidden.
 */
export function reviewsInboxSection(session: Session, shop: Storefront): HTMLElement {
  const list = h('ul', { class: 'inbox-list', 'aria-live': 'polite' })
  const more = h('button', { type: 'button', hidden: true }, t('search.loadMore'))
  let cursor: string | null = null

  async function load(reset: boolean) {
    if (reset) (cursor = null, list.replaceChildren(h('li', { class: 'muted loading' }, t('reviews.loading'))))
    more.disabled = true
    try {
      const page = await api<Page<InboxReview>>(`/v1/merchants/${shop.id}/reviews/inbox${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { token: session.token })
      if (reset) list.replaceChildren()
      list.append(...page.data.map(item))
      if (!list.children.length) list.append(h('li', { class: 'muted' }, t('inbox.empty')))
      cursor = page.next_cursor
      more.hidden = !cursor
    } catch (err) {
      list.replaceChildren(h('li', { class: 'form-error', role: 'alert' }, t('reviews.loadFailed', { message: messageOf(err) })))
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
        r.reply ? null : h('span', { class: 'badge unanswered' }, t('inbox.needsReply')),
        r.report_count ? h('span', { class: 'badge reported' }, t('inbox.reported', { count: r.report_count })) : null,
        r.hidden ? h('span', { class: 'badge closed' }, t('inbox.hidden')) : null,
        r.hidden ? h('button', { type: 'button', onclick: () => restore(r) }, t('inbox.restore')) : null,
      )
      li.replaceChildren(...(flags.children.length ? [flags] : []), ...reviewBody(r, shop.name), r.reply ? replyView(r) : replyEditor(r))
    }
    const replyView = (r: InboxReview) =>
      h('div', { class: 'stack' }, replyBlock(r.reply as NonNullable<Review['reply']>), h('div', { class: 'row' }, h('button', { type: 'button', onclick: () => li.lastElementChild?.replaceWith(replyEditor(r)) }, t('inbox.editReply')), h('button', { type: 'button', class: 'danger', onclick: () => removeReply(r) }, t('inbox.deleteReply'))))

    function replyEditor(r: InboxReview): HTMLElement {
      const text = h('textarea', { name: 'reply', rows: 3, maxlength: 2000, required: true })
      text.value = r.reply?.text ?? ''
      const save = h('button', { type: 'submit', class: 'primary' }, r.reply ? t('inbox.saveReply') : t('inbox.reply'))
      const form = h(
        'form',
        { class: 'stack reply-form', novalidate: true },
        field(t('inbox.replyTo', { name: r.author.display_name }), text, t('inbox.replyHint')),
        h('p', { class: 'form-error', role: 'alert', hidden: true }),
        h('div', { class: 'row' }, save, r.reply ? h('button', { type: 'button', onclick: () => render(r) }, t('console.cancel')) : null),
      )
      form.addEventListener('submit', async (e) => {
        e.preventDefault()
        if (!text.value.trim()) return formError(form, t('inbox.writeFirst'))
        save.disabled = true
        try {
          const saved = await api<Review>(`/v1/reviews/${r.id}/reply`, { method: 'PUT', body: { text: text.value.trim() }, token: session.token })
          announce(t('inbox.posted'), 'success')
          render({ ...r, ...saved })
        } catch (err) {
          formError(form, messageOf(err))
          save.disabled = false
        }
      })
      return form
    }

    async function removeReply(r: InboxReview) {
      if (!confirm(t('inbox.deleteConfirm'))) return
      try {
        await api(`/v1/reviews/${r.id}/reply`, { method: 'DELETE', token: session.token })
        announce(t('inbox.deleted'), 'success')
        render({ ...r, reply: null })
      } catch (err) {
        announce(messageOf(err), 'error')
      }
    }
    async function restore(r: InboxReview) {
      try {
        const saved = await api<Review>(`/v1/reviews/${r.id}/restore`, { method: 'POST', token: session.token })
        announce(t('inbox.restored'), 'success')
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
    h('div', { class: 'row spread' }, h('h2', { id: 'inbox-title' }, t('reviews.title')), h('button', { type: 'button', onclick: () => load(true) }, t('console.refresh'))),
    list,
    more,
  )
}
