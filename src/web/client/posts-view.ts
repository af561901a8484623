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
export function postCard(post: StorePost, options: { showShop?: boolean } = {}): HTMLElement {
  return h(
    'article',
    { class: 'post-card', 'data-id': post.id },
    h('p', { class: 'row spread' }, options.showShop === false ? h('span', {}) : h('strong', { lang: langOf(post.merchant.name) }, post.merchant.name), h('span', { class: 'muted' }, formatWhen(post.created_at))),
    h('p', { class: 'post-text', lang: langOf(post.text) }, post.text),
    ...post.photos.map((p) => h('img', { class: 'post-photo', src: p.thumbnail_url, alt: t('posts.photoFrom', { shop: post.merchant.name }), width: p.width, height: p.height, loading: 'lazy' })),
  )
}
