import { api } from './api'
import type { Session } from './auth'
import { h } from './dom'
import { t } from './i18n'
import { postCard, type StorePost } from './posts-view'

/**
 * The storefront panel's latest news (three posts), each with the coupon it carries and its
 * one-tap Claim; nothing is shown for a shop that has not posted.
 */
export function shopNews(merchantId: string, signIn: (why: string) => Promise<Session | null>): HTMLElement {
  const list = h('div', { class: 'shop-news-list' })
  const section = h('section', { class: 'shop-news', 'aria-labelledby': 'shop-news-title', hidden: true }, h('h3', { id: 'shop-news-title' }, t('coupon.newsTitle')), list)
  void api<{ data: StorePost[] }>(`/v1/merchants/${encodeURIComponent(merchantId)}/posts?limit=3`).then(
    (page) => {
      list.replaceChildren(...page.data.map((p) => postCard(p, { showShop: false, signIn })))
      section.hidden = page.data.length === 0
    },
    () => undefined,
  )
  return section
}
