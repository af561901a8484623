import type { Session } from './auth'
import { couponTicket, liveCoupons } from './coupons'
import { h } from './dom'
import { formatWhen } from './format'
import { langOf, t } from './i18n'
import type { Photo } from './reviews/types'

/** A store news post as the API returns it. */
export interface StorePost {
  id: string
  merchant: { id: string; name: string }
  text: string
  photos: Photo[]
  coupon_id: string | null
  created_at: string
  edited_at: string | null
}

/** One post as a card: shop name, when, text and photos. */
export function postCard(post: StorePost, options: { showShop?: boolean; claim?: boolean; signIn?: (why: string) => Promise<Session | null> } = {}): HTMLElement {
  const card = h(
    'article',
    { class: 'post-card', 'data-id': post.id },
    h('p', { class: 'row spread' }, options.showShop === false ? h('span', {}) : h('strong', { lang: langOf(post.merchant.name) }, post.merchant.name), h('span', { class: 'muted' }, formatWhen(post.created_at))),
    h('p', { class: 'post-text', lang: langOf(post.text) }, post.text),
    ...post.photos.map((p) => h('img', { class: 'post-photo', src: p.thumbnail_url, alt: t('posts.photoFrom', { shop: post.merchant.name }), width: p.width, height: p.height, loading: 'lazy' })),
  )
  if (post.coupon_id) card.append(postCoupon(post.merchant.id, post.coupon_id, options.claim !== false, options.signIn))
  return card
}

/** The coupon a post carries, as a ticket with one-tap Claim while the campaign is live. */
function postCoupon(merchantId: string, couponId: string, claim: boolean, signIn?: (why: string) => Promise<Session | null>): HTMLElement {
  const slot = h('div', { class: 'post-coupon' })
  // A coupon newer than the cached list (posted a moment ago) is worth one fresh read.
  const find = async () => (await liveCoupons(merchantId)).find((c) => c.id === couponId) ?? (await liveCoupons(merchantId, true)).find((c) => c.id === couponId)
  void find().then((coupon) => {
    slot.replaceChildren(coupon ? couponTicket(coupon, { claim, ...(signIn ? { signIn } : {}) }) : h('p', { class: 'muted' }, t('coupon.noLongerLive')))
  })
  return slot
}
