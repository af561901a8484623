import { api, messageOf } from './api'
import type { components } from './api-types.gen'
import type { Session } from './auth'
import { h } from './dom'
import { formatMoney, formatWhen } from './format'
import { langOf, t } from './i18n'
import { onLiveEvent } from './live-events'
import { postCard } from './posts-view'

type FeedItem = components['schemas']['FeedItem']

/** A card for a feed item that is not a post: a headline naming the shop, one line of detail, a link to the shop. */
function noticeCard(i: FeedItem, className: string, headline: string, detail: string): HTMLElement {
  return h(
    'article',
    { class: `post-card ${className}`, 'data-id': i.id },
    h('p', { class: 'row spread' }, h('strong', {}, headline), h('span', { class: 'muted' }, formatWhen(i.created_at))),
    h('p', { lang: langOf(detail) }, detail),
    h('a', { href: `/shops/${i.merchant.id}` }, t('feed.openShop', { shop: i.merchant.name })),
  )
}

function feedCard(i: FeedItem): HTMLElement {
  const shop = i.merchant.name
  if (i.post) return postCard(i.post)
  if (i.coupon) return noticeCard(i, 'feed-coupon', t('feed.couponNew', { shop }), `${i.coupon.title} · ${t('feed.couponEnds', { when: formatWhen(i.coupon.ends_at) })}`)
  if (i.deal?.deal) {
    const price = t('feed.dealPrice', { price: formatMoney(i.deal.price_cents, i.deal.currency), face: formatMoney(i.deal.deal.face_value_cents, i.deal.currency) })
    return noticeCard(i, 'feed-deal', t('feed.dealNew', { shop }), `${i.deal.name} · ${price}`)
  }
  return noticeCard(i, 'reply-card', t('feed.replied', { shop }), i.review_reply?.text ?? '')
}

/**
 * The "Following" dialog: news, new coupons and new deals of the shops the person follows and replies to their reviews,
 * newest first, with "Show more" paging; a post arriving while it is open shows a "new posts" button.
 */
export function createFeedDialog() {
  const list = h('div', { class: 'feed-list', 'aria-live': 'polite', tabindex: 0 })
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

  async function load(reset: boolean) {
    if (!session) return
    if (reset) cursor = null
    try {
      const page = await api<{ data: FeedItem[]; next_cursor: string | null }>(`/v1/feed?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: session.token })
      const nodes = page.data.map(feedCard)
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
