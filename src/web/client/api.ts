import type { components } from './api-types.gen'
import { type MessageKey, locale, t } from './i18n'
import { en } from './i18n/en'

/** A failed API call, carrying the server's problem+json `detail` as a sentence a person can read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly fieldErrors: Array<{ path: string; message: string }> = [],
  ) {
    super(message)
  }
}

/** The signed-in account (generated from the OpenAPI document: api-types.gen.ts). */
export type User = components['schemas']['User']

export interface AppConfig {
  mapTileUrl: string
  stripePublishableKey: string | null
  cities: Array<{ name: string; lat: number; lng: number }>
}

interface RequestOptions {
  method?: string
  body?: unknown
  token?: string | null
  headers?: Record<string, string>
  signal?: AbortSignal
}

/** Calls the JSON API; throws ApiError with a readable message on any failure (network included). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  let res: Response
  try {
    res = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      // Anonymous listings carry `public, max-age=30` for caches and other clients; the app itself
      // revalidates every time (a 304 through the ETag is cheap) so it shows a review just written.
      cache: 'no-cache',
    })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiError(0, t('error.network'), 'network')
  }
  const text = await res.text()
  let data: unknown
  try {
    data = text ? JSON.parse(text) : undefined
  } catch {
    data = undefined
  }
  if (!res.ok) throw problemToError(res.status, data)
  return data as T
}

function problemToError(status: number, data: unknown): ApiError {
  const p = (data ?? {}) as { detail?: unknown; title?: unknown; code?: unknown; errors?: unknown }
  const fields = Array.isArray(p.errors) ? (p.errors as Array<{ path: string; message: string }>) : []
  let message = typeof p.detail === 'string' && p.detail ? p.detail : typeof p.title === 'string' ? p.title : ''
  if (!message) message = status >= 500 ? t('error.server') : t('error.generic', { status })
  message = message.charAt(0).toUpperCase() + message.slice(1)
  return new ApiError(status, message, typeof p.code === 'string' ? p.code : undefined, fields)
}

/**
 * Every row of a cursor-paged list (`{data, next_cursor}`), following next_cursor page by page
 * (100 a page) until the last one.
 * @example const shops = await allPages<Storefront>('/v1/merchants?owner=me', { token })
 */
export async function allPages<T>(path: string, options: RequestOptions = {}): Promise<T[]> {
  const all: T[] = []
  const sep = path.includes('?') ? '&' : '?'
  let cursor: string | null = null
  do {
    const page: { data: T[]; next_cursor: string | null } = await api(`${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, options)
    all.push(...page.data)
    cursor = page.next_cursor
  } while (cursor)
  return all
}

/** A list endpoint's rows, whether it answers with a bare array or `{ data: [...] }`. */
export function rows<T>(body: T[] | { data: T[] } | undefined): T[] {
  if (Array.isArray(body)) return body
  return body?.data ?? []
}

/**
 * A message for any thrown value in plain words of the interface language: a known problem code
 * has its own sentence; otherwise English pages show the API's detail and Chinese pages a
 * general sentence (the details are in the server's log under the request id).
 */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) {
    const known = `error.${err.code}` as MessageKey
    if (err.code === 'not_publishable') return notPublishable(err)
    if (err.code && err.code !== 'validation_failed' && known in en) return t(known)
    if (err.status === 0) return t('error.network')
    if (err.status >= 500) return t('error.server')
    if (err.status === 401) return t('error.invalid_token')
    if (locale() !== 'en') return err.code === 'validation_failed' || err.fieldErrors.length ? t('error.validation_failed.plain') : t('error.generic', { status: err.status })
    // English pages name the fields in words ("hours 3 close must be HH:MM"), never as API paths
    // or the server's "Invalid body: …" summary.
    if (err.fieldErrors.length) return t('error.validation_failed', { fields: err.fieldErrors.map((f) => `${fieldWords(f.path)} ${f.message}`).join('; ') })
    return /^Invalid \w+:/.test(err.message) ? t('error.validation_failed.plain') : err.message
  }
  return err instanceof Error ? err.message : String(err)
}

/** An API field path in words: `items[0].slot_start` → "items 1 slot start". */
export function fieldWords(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, (_, n: string) => ` ${Number(n) + 1}`)
    .replace(/[._]+/g, ' ')
    .trim()
}

/** Why a storefront cannot be published yet, one reason per missing part, in the page's language. */
function notPublishable(err: ApiError): string {
  const reasons = err.fieldErrors.map((f) => (f.path === 'hours' ? t('publish.needHours') : f.path === 'offerings' ? t('publish.needOffering') : fieldWords(f.path)))
  return reasons.length ? t('publish.notYet', { reasons: reasons.join(locale() === 'en' ? '; ' : '；') }) : t('publish.changed')
}

let config: Promise<AppConfig> | undefined
/** The page configuration served by /app-config.json, fetched once. */
export function appConfig(): Promise<AppConfig> {
  config ??= api<AppConfig>('/app-config.json')
  return config
}

/** A fresh idempotency key (one per checkout attempt). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
}
