import type { Session } from '../auth'
import { h } from '../dom'
import type { Photo } from './types'
import { precheck, UploadError, uploadPhoto } from './upload'

export const MAX_REVIEW_PHOTOS = 9

/**
 * Photos for a review (or a store post, with its own `max`): choose files, see each preview at once (from the local file), watch its
 * upload progress, read any error in plain words, remove a photo. `ids()` lists the uploaded
 * ones in order; `busy()` is true while any upload is still running.
 */
export function photoPicker(session: Session, initial: Photo[] = [], max = MAX_REVIEW_PHOTOS) {
  const list = h('ul', { class: 'photo-previews', 'aria-label': 'Photos' })
  const uploaded = new Map<HTMLElement, string>()
  const running = new Set<Promise<unknown>>()
  const input = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/heic,.heic', multiple: true, class: 'visually-hidden', id: `photos-${Math.random().toString(36).slice(2)}` })
  const addLabel = h('label', { for: input.id, class: 'button-like' }, '＋ Add photos')
  const note = h('p', { class: 'muted hint', 'aria-live': 'polite' }, `Up to ${max} photos, JPEG, PNG or WebP, 10 MB each.`)

  const count = () => list.children.length
  const refresh = () => {
    addLabel.hidden = count() >= max
    input.disabled = count() >= max
  }

  function tile(src: string | null, name: string) {
    const progress = h('progress', { max: 1, value: 0, 'aria-label': `Uploading ${name}` })
    const status = h('span', { class: 'photo-status', role: 'status' }, 'Uploading…')
    const remove = h('button', { type: 'button', class: 'remove-photo', 'aria-label': `Remove ${name}` }, '✕')
    const li = h('li', { class: 'photo-tile uploading' }, src ? h('img', { src, alt: `Photo ${name}` }) : h('span', { class: 'not-photo', 'aria-hidden': 'true' }, name), progress, status, remove)
    remove.addEventListener('click', () => {
      li.dispatchEvent(new Event('removed'))
      uploaded.delete(li)
      li.remove()
      refresh()
    })
    return { li, progress, status }
  }

  for (const photo of initial) {
    const { li, progress, status } = tile(photo.thumbnail_url, 'already added')
    li.classList.remove('uploading')
    progress.remove()
    status.textContent = ''
    uploaded.set(li, photo.id)
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
    const job = uploadPhoto(session, file, (f) => (progress.value = f, status.textContent = f < 1 ? `Uploading… ${Math.round(f * 100)}%` : 'Processing…'), abort.signal)
      .then((photo) => {
        uploaded.set(li, photo.id)
        li.classList.remove('uploading')
        li.dataset.photoId = photo.id
        progress.remove()
        status.textContent = 'Added'
      })
      .catch((err) => {
        if (err instanceof DOMException && err.name === 'AbortError') return
        fail(li, status, progress, err instanceof UploadError ? err.message : 'The photo could not be uploaded. Please try again.')
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
    const room = max - count()
    if (files.length > room) note.textContent = `Only ${max} photos fit: the first ${room} were added.`
    for (const file of files.slice(0, room)) add(file)
    input.value = ''
    refresh()
  })
  refresh()

  return {
    element: h('fieldset', { class: 'photo-field' }, h('legend', {}, 'Photos (optional)'), list, h('div', { class: 'row wrap' }, input, addLabel), note),
    ids: (): string[] => [...list.children].flatMap((li) => (uploaded.has(li as HTMLElement) ? [uploaded.get(li as HTMLElement) as string] : [])),
    busy: () => running.size > 0,
    failed: () => list.querySelectorAll('.photo-tile.failed').length,
    settled: () => Promise.allSettled([...running]),
  }
}
