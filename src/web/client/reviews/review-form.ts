import { api, messageOf } from '../api'
import type { Session } from '../auth'
import { field, formError, h } from '../dom'
import { formatWhen } from '../format'
import { t } from '../i18n'
import { photoPicker } from './photo-picker'
import { starPicker } from './stars'
import type { Rating, Review, ReviewInput } from './types'

const MAX_TEXT = 2000

/** What is being reviewed: a redeemed order (new review) or the person's existing review. */
export type ReviewTarget =
  | { kind: 'new'; orderId: string; shopName: string; items: string; visitedAt?: string }
  | { kind: 'edit'; review: Review; shopName: string }

/**
 * The "Write a review" dialog: stars (a radio group), text with a live character count, photos
 * with previews and upload progress. Resolves with the saved review, or null if closed.
 */
export function openReviewForm(session: Session, target: ReviewTarget): Promise<Review | null> {
  const existing = target.kind === 'edit' ? target.review : null
  const stars = starPicker('rating', (existing?.rating ?? null) as Rating | null)
  const text = h('textarea', { name: 'text', rows: 5, maxlength: MAX_TEXT, placeholder: t('reviewForm.placeholder') })
  text.value = existing?.text ?? ''
  const counter = h('span', { class: 'muted hint', 'aria-live': 'off' })
  const showCount = () => (counter.textContent = `${text.value.length} / ${MAX_TEXT}`)
  text.addEventListener('input', showCount)
  showCount()
  const photos = photoPicker(session, existing?.photos ?? [])
  const submit = h('button', { type: 'submit', class: 'primary' }, existing ? t('form.save') : t('reviewForm.post'))
  const cancel = h('button', { type: 'button' }, t('auth.cancel'))
  const visit =
    target.kind === 'new'
      ? [target.items, target.visitedAt ? t('reviewForm.visited', { when: formatWhen(target.visitedAt) }) : ''].filter(Boolean).join(' · ')
      : `${target.review.visit.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')} · ${t('reviewForm.visited', { when: formatWhen(target.review.visit.visited_at) })}`
  const form = h(
    'form',
    { class: 'stack review-form', novalidate: true },
    h('div', { class: 'row spread' }, h('h2', { id: 'review-title' }, existing ? t('reviewForm.editTitle') : t('orders.writeReview')), cancel),
    h('p', {}, h('strong', {}, target.shopName), h('br'), h('span', { class: 'muted' }, visit)),
    stars.element,
    field(t('reviewForm.text'), text),
    counter,
    photos.element,
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('div', { class: 'row' }, submit),
  )
  const dialog = h('dialog', { class: 'review-dialog', 'aria-labelledby': 'review-title' }, form)
  // Picking a star answers "choose a rating": the message should not linger.
  stars.element.addEventListener('change', () => formError(form, null))
  document.body.append(dialog)

  return new Promise((resolve) => {
    let saved: Review | null = null
    cancel.addEventListener('click', () => dialog.close())
    dialog.addEventListener('close', () => {
      dialog.remove()
      resolve(saved)
    })
    form.addEventListener('submit', async (e) => {
      e.preventDefault()
      const rating = stars.value()
      if (!rating) {
        formError(form, t('reviewForm.needRating'))
        return stars.focus()
      }
      if (photos.busy()) {
        submit.disabled = true
        submit.textContent = t('photos.waiting')
        await photos.settled()
        submit.textContent = existing ? t('form.save') : t('reviewForm.post')
      }
      if (photos.failed()) {
        submit.disabled = false
        return formError(form, t('photos.someFailed'))
      }
      formError(form, null)
      submit.disabled = true
      const body: ReviewInput = { rating, text: text.value.trim(), photo_ids: photos.ids() }
      try {
        saved = existing
          ? await api<Review>(`/v1/reviews/${existing.id}`, { method: 'PATCH', body, token: session.token })
          : await api<Review>(`/v1/orders/${(target as { orderId: string }).orderId}/review`, { method: 'POST', body, token: session.token })
        dialog.close()
      } catch (err) {
        formError(form, messageOf(err))
        submit.disabled = false
      }
    })
    dialog.showModal()
  })
}
