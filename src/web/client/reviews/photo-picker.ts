import type { Session } from '../auth'
import { h } from '../dom'
import { t } from '../i18n'
import type { Photo } from './types'
import { precheck, UploadError, uploadPhoto } from './upload'

export const MAX_REVIEW_PHOTOS = 9

/** How a picker differs by use: a review's photos, or a storefront's, whose first is its cover. */
export interface PhotoPickerOptions {
  max?: number
  legend?: string
  /** Marks the first photo as the cover and gives the others a "Make cover" button. */
  cover?: boolean
}

/**
 * Photos for a review or a storefront: choose files, see each preview at once (from the local
 * file), watch its upload progress, read any error in plain words, remove a photo (or make it the
 * cover). `ids()` lists the uploaded ones in order; `busy()` is true while any upload still runs.
 */
export function photoPicker(session: Session, initial: Photo[] = [], options: PhotoPickerOptions = {}) {
  const MAX = options.max ?? MAX_REVIEW_PHOTOS
  const list = h('ul', { class: 'photo-previews', 'aria-label': t('photos.legend') })
  const uploaded = new Map<HTMLElement, string>()
  const running = new Set<Promise<unknown>>()
  const input = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/heic,.heic', multiple: true, class: 'visually-hidden', id: `photos-${Math.random().toString(36).slice(2)}` })
  const addLabel = h('label', { for: input.id, class: 'button-like' }, t('photos.add'))
  const note = h('p', { class: 'muted hint', 'aria-live': 'polite' }, t(options.cover ? 'photos.noteCover' : 'photos.note', { max: MAX }))

  const count = () => list.children.length
  const refresh = () => {
    addLabel.hidden = count() >= MAX
    input.disabled = count() >= MAX
    if (options.cover) [...list.children].forEach((li, i) => li.classList.toggle('is-cover', i === 0))
  }

  function tile(src: string | null, name: string) {
    const progress = h('progress', { max: 1, value: 0, 'aria-label': t('photos.uploadingName', { name }) })
    const status = h('span', { class: 'photo-status', role: 'status' }, t('photos.uploading'))
    const remove = h('button', { type: 'button', class: 'remove-photo', 'aria-label': t('photos.remove', { name }) }, '✕')
    const li = h('li', { class: 'photo-tile uploading' }, src ? h('img', { src, alt: t('photos.photoOf', { name }) }) : h('span', { class: 'not-photo', 'aria-hidden': 'true' }, name), progress, status, remove)
    if (options.cover) {
      const makeCover = h('button', { type: 'button', class: 'make-cover', 'aria-label': t('photos.makeCoverLabel', { name }) }, t('photos.makeCover'))
      makeCover.addEventListener('click', () => {
        list.prepend(li)
        refresh()
        note.textContent = t('photos.isCover', { name })
      })
      li.append(h('span', { class: 'cover-badge' }, t('photos.cover')), makeCover)
    }
    remove.addEventListener('click', () => {
      li.dispatchEvent(new Event('removed'))
      uploaded.delete(li)
      li.remove()
      refresh()
    })
    return { li, progress, status }
  }

  for (const [i, photo] of initial.entries()) {
    const { li, progress, status } = tile(photo.thumbnail_url, t('photos.saved', { n: i + 1 }))
    li.classList.remove('uploading')
    progress.remove()
    status.textContent = ''
    uploaded.set(li, photo.id)
    li.dataset.photoId = photo.id
    list.append(li)
  }

  function add(file: File) {
    // A preview straight from the file: the person sees their photo before the upload ends.
    const local = file.type.startsWith('image/') || !file.type ? URL.createObjectURL(file) : null
    const { li, progress, status } = tile(local, file.name)
    list.append(li)
    const problem = precheck(file)
    if (problem) return fail(li, status, progress, problem)
    const abort = new AbortController()
    li.addEventListener('removed', () => abort.abort())
    const job = uploadPhoto(session, file, (f) => (progress.value = f, status.textContent = f < 1 ? t('photos.uploadingPercent', { percent: Math.round(f * 100) }) : t('photos.processing')), abort.signal)
      .then((photo) => {
        uploaded.set(li, photo.id)
        li.classList.remove('uploading')
        li.dataset.photoId = photo.id
        progress.remove()
        status.textContent = t('photos.added')
      })
      .catch((err) => {
        if (err instanceof DOMException && err.name === 'AbortError') return
        fail(li, status, progress, err instanceof UploadError ? err.message : t('photos.failed'))
      })
      .finally(() => running.delete(job))
    running.add(job)
  }

  function fail(li: HTMLElement, status: HTMLElement, progress: HTMLElement, message: string) {
    li.classList.remove('uploading')
    li.classList.add('failed')
    progress.remove()
    status.setAttribute('role', 'alert')
    status.textContent = message
  }

  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])]
    const room = MAX - count()
    if (files.length > room) note.textContent = t('photos.tooMany', { max: MAX, room })
    for (const file of files.slice(0, room)) add(file)
    input.value = ''
    refresh()
  })
  refresh()

  return {
    element: h('fieldset', { class: 'photo-field' }, h('legend', {}, options.legend ?? t('photos.legendOptional')), list, h('div', { class: 'row wrap' }, input, addLabel), note),
    ids: (): string[] => [...list.children].flatMap((li) => (uploaded.has(li as HTMLElement) ? [uploaded.get(li as HTMLElement) as string] : [])),
    busy: () => running.size > 0,
    failed: () => list.querySelectorAll('.photo-tile.failed').length,
    settled: () => Promise.allSettled([...running]),
  }
}
