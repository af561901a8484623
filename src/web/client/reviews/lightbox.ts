import { h } from '../dom'
import { t } from '../i18n'
import type { Photo } from './types'

/**
 * Shows a review's photos large in a modal dialog, starting at `index`; arrow keys or the
 * buttons move between them, Escape closes and focus returns to the thumbnail.
 */
export function openLightbox(photos: Photo[], index: number, caption: string): void {
  let at = index
  const img = h('img', { class: 'lightbox-img', alt: '' })
  const where = h('p', { class: 'muted', 'aria-live': 'polite' })
  const prev = h('button', { type: 'button', 'aria-label': t('photos.previous') }, '‹')
  const next = h('button', { type: 'button', 'aria-label': t('photos.next') }, '›')
  const show = () => {
    const photo = photos[at] as Photo
    img.src = photo.url
    img.width = photo.width
    img.height = photo.height
    img.alt = t('photos.alt', { caption, n: at + 1, total: photos.length })
    where.textContent = photos.length > 1 ? `${at + 1} / ${photos.length}` : ''
    prev.hidden = next.hidden = photos.length < 2
  }
  const move = (step: number) => {
    at = (at + step + photos.length) % photos.length
    show()
  }
  prev.addEventListener('click', () => move(-1))
  next.addEventListener('click', () => move(1))
  const close = h('button', { type: 'button', class: 'lightbox-close' }, t('photos.close'))
  const dialog = h('dialog', { class: 'lightbox', 'aria-label': caption }, h('div', { class: 'row spread' }, where, close), h('div', { class: 'lightbox-stage' }, prev, img, next))
  close.addEventListener('click', () => dialog.close())
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowLeft') move(-1)
    if (e.key === 'ArrowRight') move(1)
  })
  dialog.addEventListener('click', (e) => e.target === dialog && dialog.close())
  dialog.addEventListener('close', () => dialog.remove())
  document.body.append(dialog)
  show()
  dialog.showModal()
  close.focus()
}

/** A row of thumbnails, each a button that opens the photo large. */
export function photoStrip(photos: Photo[], caption: string): HTMLElement | null {
  if (photos.length === 0) return null
  return h(
    'ul',
    { class: 'photo-strip', 'aria-label': t('photos.legend') },
    ...photos.map((p, i) =>
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', class: 'thumb', 'aria-label': t('photos.openLarge', { n: i + 1, total: photos.length }), onclick: () => openLightbox(photos, i, caption) },
          h('img', { src: p.thumbnail_url, alt: '', loading: 'lazy', width: 96, height: 96 }),
        ),
      ),
    ),
  )
}
