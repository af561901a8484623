import type { Session } from '../auth'
import type { Photo } from './types'
import { t } from '../i18n'

/** The largest file the server takes (POST /v1/uploads answers 413 above it). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif']

/** Why an upload failed, in words a person can act on. */
export class UploadError extends Error {}

/** Refuses files we already know the server will refuse, before spending the upload. */
export function precheck(file: File): string | null {
  if (file.size > MAX_UPLOAD_BYTES) return t('upload.tooBig', { name: file.name, size: (file.size / 1024 / 1024).toFixed(1) })
  // An empty type (some phones' HEIC) is left to the server, which checks the content anyway.
  if (file.type && !ACCEPTED.includes(file.type)) return t('upload.notPhoto', { name: file.name })
  return null
}

/**
 * Uploads one image as multipart `file` to POST /v1/uploads, reporting progress from 0 to 1.
 * XMLHttpRequest rather than fetch because only it reports upload progress.
 */
export function uploadPhoto(session: Session, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Photo> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/v1/uploads')
    xhr.setRequestHeader('Authorization', `Bearer ${session.token}`)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.addEventListener('progress', (e) => e.lengthComputable && onProgress(e.loaded / e.total))
    xhr.addEventListener('load', () => {
      if (xhr.status === 201 || xhr.status === 200) {
        onProgress(1)
        try {
          resolve(JSON.parse(xhr.responseText) as Photo)
        } catch {
          reject(new UploadError(t('upload.unreadable')))
        }
        return
      }
      reject(new UploadError(explain(xhr.status, file.name)))
    })
    xhr.addEventListener('error', () => reject(new UploadError(t('upload.stopped'))))
    xhr.addEventListener('abort', () => reject(new DOMException('Upload cancelled', 'AbortError')))
    signal?.addEventListener('abort', () => xhr.abort())
    const body = new FormData()
    body.append('file', file, file.name)
    xhr.send(body)
  })
}

/** Why the server refused a photo, in plain words (its technical detail stays in the server's log). */
function explain(status: number, name: string): string {
  if (status === 413) return t('upload.tooLarge', { name })
  if (status === 415) return t('upload.notPhoto', { name })
  if (status === 401) return t('upload.expired')
  if (status === 422) return t('upload.unusable', { name })
  if (status >= 500 || status === 0) return t('upload.serverFailed')
  return t('upload.failed')
}
