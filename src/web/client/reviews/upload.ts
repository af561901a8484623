import type { Session } from '../auth'
import type { Photo } from './types'

/** The largest file the server takes (POST /v1/uploads answers 413 above it). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif']

/** Why an upload failed, in words a person can act on. */
export class UploadError extends Error {}

/** Refuses files we already know the server will refuse, before spending the upload. */
export function precheck(file: File): string | null {
  if (file.size > MAX_UPLOAD_BYTES) return `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; photos can be at most 10 MB.`
  // An empty type (some phones' HEIC) is left to the server, which checks the content anyway.
  if (file.type && !ACCEPTED.includes(file.type)) return `${file.name} is not a photo we can use. Choose a JPEG, PNG or WebP image.`
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
          reject(new UploadError('The server sent an answer we could not read. Please try again.'))
        }
        return
      }
      reject(new UploadError(explain(xhr.status, xhr.responseText, file.name)))
    })
    xhr.addEventListener('error', () => reject(new UploadError('The upload stopped: check your connection and try again.')))
    xhr.addEventListener('abort', () => reject(new DOMException('Upload cancelled', 'AbortError')))
    signal?.addEventListener('abort', () => xhr.abort())
    const body = new FormData()
    body.append('file', file, file.name)
    xhr.send(body)
  })
}

function explain(status: number, responseText: string, name: string): string {
  let detail = ''
  try {
    detail = String((JSON.parse(responseText) as { detail?: unknown }).detail ?? '')
  } catch {
    detail = ''
  }
  if (status === 413) return `${name} is too large: photos can be at most 10 MB.`
  if (status === 415) return `${name} is not a photo we can use. Choose a JPEG, PNG or WebP image.`
  if (status === 401) return 'Your sign-in has expired. Please sign in again, then add the photo.'
  if (status === 422) return `${name} could not be used${detail ? `: ${detail}` : '. Try a smaller photo.'}`
  if (status >= 500 || status === 0) return 'Something went wrong on our side while saving the photo. Please try again.'
  return detail || `The upload failed (${status}).`
}
