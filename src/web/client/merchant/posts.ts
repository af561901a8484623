import { api, messageOf } from '../api'
import type { Session } from '../auth'
import { announce, h } from '../dom'
import { t } from '../i18n'
import { postCard, type StorePost } from '../posts-view'
import { photoPicker } from '../reviews/photo-picker'
import type { Storefront } from '../storefront'
import { couponChoice } from './post-coupon'

/** As POST /v1/merchants/:id/posts allows (src/posts/posts.schemas.ts). */
const MAX_POST_PHOTOS = 4

/**
 * Fans and news: the follower count, a form to post news with photos (followers see it in their
 * feed at once), and the latest posts with a delete button.
 */
export function postsSection(session: Session, shop: Storefront): HTMLElement {
  const count = h('p', { class: 'follower-total' }, t('follow.count', { count: shop.follower_count ?? 0 }))
  const text = h('textarea', { id: 'post-text', maxlength: 1000, rows: 3, required: true, placeholder: t('posts.placeholder') })
  let photos = photoPicker(session, [], { max: MAX_POST_PHOTOS })
  const photoSlot = h('div', {}, photos.element)
  const coupon = couponChoice(session, shop.id)
  const submit = h('button', { type: 'submit', class: 'primary' }, t('posts.submit'))
  const list = h('div', { class: 'post-list' })
  const form = h('form', { class: 'stack post-form' }, h('label', { for: 'post-text' }, t('posts.label')), text, photoSlot, coupon.element, submit)

  const load = async () => {
    try {
      const page = await api<{ data: StorePost[] }>(`/v1/merchants/${shop.id}/posts?limit=5`, { token: session.token })
      list.replaceChildren(...(page.data.length ? page.data.map((p) => withDelete(postCard(p, { showShop: false, claim: false }), p)) : [h('p', { class: 'muted' }, t('posts.none'))]))
    } catch (err) {
      list.replaceChildren(h('p', { class: 'form-error' }, messageOf(err)))
    }
  }
  const withDelete = (card: HTMLElement, post: StorePost) => {
    card.append(h('button', { type: 'button', class: 'link', onclick: async () => {
      try {
        await api(`/v1/merchants/${shop.id}/posts/${post.id}`, { method: 'DELETE', token: session.token })
        announce(t('posts.deleted'), 'success')
        await load()
      } catch (err) {
        announce(messageOf(err), 'error')
      }
    } }, t('console.delete')))
    return card
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    if (photos.busy()) await photos.settled()
    if (photos.failed()) return announce(t('posts.photosFailed'), 'error')
    submit.disabled = true
    try {
      await api<StorePost>(`/v1/merchants/${shop.id}/posts`, { method: 'POST', token: session.token, body: { text: text.value, photo_ids: photos.ids(), coupon_id: coupon.value() } })
      text.value = ''
      coupon.clear()
      photos = photoPicker(session, [], { max: MAX_POST_PHOTOS })
      photoSlot.replaceChildren(photos.element)
      announce(t('posts.posted'), 'success')
      await load()
    } catch (err) {
      announce(t('posts.failed', { message: messageOf(err) }), 'error')
    } finally {
      submit.disabled = false
    }
  })
  void load()
  return h('section', { class: 'card', 'aria-labelledby': 'fans-title' }, h('h2', { id: 'fans-title' }, t('posts.title')), count, form, list)
}
