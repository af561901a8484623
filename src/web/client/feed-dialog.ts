import { api, messageOf } from './api'
import type { Session } from './auth'
import { h } from './dom'
import { formatWhen } from './format'
import { langOf, t } from './i18n'
import { onLiveEvent } from './live-events'
import { postCard, type StorePost } from './posts-view'

interface FeedItem {
  type: 'post' | 'review_reply'
  id: string
  created_at: string
  post: StorePost | null
  review_reply: { review_id: string; merchant: { id: string; name: string }; rating: number; text: string } | null
}

/**
 * The "Following" dialog: news of the shops the person follows and replies to their reviews,
 * newest first, with "Show more" paging; a post arriving while it is open shows a "new posts" button.
 */
export function createFeedDialog() {
  const list = h('div', { class: 'feed-list', 'aria-live': 'polite' })
  const more = h('button', { type: 'button', hidden: true }, t('feed.more'))
  const fresh = h('button', { type: 'button', class: 'primary', hidden: true }, t('feed.fresh'))
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'feed-title', class: 'feed-dialog' },
    h('div', { class: 'row spread' }, h('h2', { id: 'feed-title' }, t('feed.title')), h('button', { type: 'button', onclick: () => dialog.close(), 'aria-label': t('feed.closeLabel') }, t('orders.close'))),
    fresh,
    list,
    more,
  )
  document.body.append(dialog)
  let cursor: string | null = null
  let session: Session | undefined
  let stopLive: (() => void) | undefined

  const item = (i: FeedItem) =>
    i.post
      ? postCard(i.post)
      : h('article', { class: 'post-card reply-card' }, h('p', { class: 'row spread' }, h('strong', {}, t('feed.replied', { shop: i.review_reply?.merchant.name ?? '' })), h('span', { class: 'muted' }, formatWhen(i.created_at))), h('p', { lang: langOf(i.review_reply?.text) }, i.review_reply?.text ?? ''))

  async function load(reset: boolean) {
    if (!session) return
    if (reset) cursor = null
    try {
      const page = await api<{ data: FeedItem[]; next_cursor: string | null }>(`/v1/feed?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: session.token })
      const nodes = page.data.map(item)
      if (reset) list.replaceChildren(...(nodes.length ? nodes : [h('p', { class: 'muted' }, t('feed.empty'))]))
      else list.append(...nodes)
      cursor = page.next_cursor
      more.hidden = !cursor
    } catch (err) {
      list.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, messageOf(err)))
    }
  }
  more.addEventListener('click', () => void load(false))
  fresh.addEventListener('click', () => {
    fresh.hidden = true
    void load(true)
  })
  dialog.addEventListener('close', () => {
    stopLive?.()
    stopLive = undefined
  })

  return {
    async open(s: Session) {
      session = s
      fresh.hidden = true
      list.replaceChildren(h('p', { class: 'muted loading' }, t('orders.loading')))
      dialog.showModal()
      stopLive ??= onLiveEvent(s, (e) => {
        if (e.type === 'store.posted') fresh.hidden = false
      })
      await load(true)
    },
  }
}
