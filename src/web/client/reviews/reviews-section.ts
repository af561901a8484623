import { api, messageOf } from '../api'
import type { Session } from '../auth'
import { h } from '../dom'
import { t } from '../i18n'
import { ratingHistogram } from './histogram'
import { reviewCard } from './review-card'
import type { Page, RatingSummary, Review, ReviewSort } from './types'

const SORTS: ReviewSort[] = ['recent', 'helpful', 'rating_high', 'rating_low']

/**
 * The storefront's reviews: histogram, sort and "with photos" filter, the list, and "Load more"
 * following `next_cursor`. `refresh()` (after the person edits or deletes their review) reloads
 * the shop's numbers through `reloadShop` and the list from the top.
 */
export function reviewsSection(shop: { id: string; name: string } & Partial<RatingSummary>, options: { session(): Session | null; signIn(): Promise<Session | null>; reloadShop(): void }): HTMLElement {
  const sort = h('select', { name: 'sort', 'aria-label': t('reviews.sortLabel') }, ...SORTS.map((v) => h('option', { value: v }, t(`reviews.sort.${v}`))))
  const withPhotos = h('input', { type: 'checkbox', name: 'with_photos' })
  const list = h('ul', { class: 'review-list', 'aria-live': 'polite', 'aria-busy': 'false' })
  const more = h('button', { type: 'button', class: 'load-more', hidden: true }, t('reviews.loadMore'))
  const mine = new Set<string>()
  let cursor: string | null = null
  let generation = 0

  const ctx = { session: options.session, signIn: options.signIn, shopName: shop.name, isMine: (id: string) => mine.has(id), changed: options.reloadShop }

  async function load(reset: boolean) {
    const mineLoaded = reset ? loadMine() : Promise.resolve()
    const run = ++generation
    const query = new URLSearchParams({ sort: sort.value, limit: '10' })
    if (withPhotos.checked) query.set('with_photos', 'true')
    if (!reset && cursor) query.set('cursor', cursor)
    if (reset) list.replaceChildren(h('li', { class: 'muted loading' }, t('reviews.loading')))
    list.setAttribute('aria-busy', 'true')
    more.disabled = true
    try {
      const page = await api<Page<Review>>(`/v1/merchants/${encodeURIComponent(shop.id)}/reviews?${query}`, { token: options.session()?.token })
      await mineLoaded
      if (run !== generation) return
      if (reset) list.replaceChildren()
      list.append(...page.data.map((r) => reviewCard(r, ctx)))
      if (list.children.length === 0) list.append(h('li', { class: 'muted' }, withPhotos.checked ? t('reviews.noneWithPhotos') : t('reviews.none')))
      cursor = page.next_cursor
      more.hidden = !cursor
    } catch (err) {
      if (run !== generation) return
      list.append(h('li', { class: 'form-error', role: 'alert' }, t('reviews.loadFailed', { message: messageOf(err) })))
    } finally {
      list.setAttribute('aria-busy', 'false')
      more.disabled = false
    }
  }

  // Reviews carry no author id, so "mine" comes from the person's own review list.
  async function loadMine() {
    const session = options.session()
    mine.clear()
    if (!session) return
    try {
      const page = await api<Page<Review>>('/v1/me/reviews?limit=50', { token: session.token })
      for (const r of page.data) if (r.merchant_id === shop.id) mine.add(r.id)
    } catch {
      // Without the list the person simply sees no Edit/Delete here; "My orders" still offers them.
    }
  }

  sort.addEventListener('change', () => void load(true))
  withPhotos.addEventListener('change', () => void load(true))
  more.addEventListener('click', () => void load(false))
  void load(true)

  return h(
    'section',
    { class: 'reviews', 'aria-labelledby': 'reviews-title' },
    h('h3', { id: 'reviews-title' }, t('reviews.title')),
    ratingHistogram(shop),
    h('div', { class: 'row wrap review-controls' }, sort, h('label', { class: 'toggle' }, withPhotos, t('reviews.withPhotos'))),
    list,
    more,
  )
}
