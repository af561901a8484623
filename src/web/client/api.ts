import type { components } from './api-types.gen'
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
    })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiError(0, 'Could not reach the server. Check your connection and try again.')
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
  if (!message) message = status >= 500 ? 'Something went wrong on our side. Please try again.' : `The request failed (${status}).`
  message = message.charAt(0).toUpperCase() + message.slice(1)
  if (status === 401) message = `${message} Please sign in again.`
  return new ApiError(status, message, typeof p.code === 'string' ? p.code : undefined, fields)
}

/** A list endpoint's rows, whether it answers with a bare array or `{ data: [...] }`. */
export function rows<T>(body: T[] | { data: T[] } | undefined): T[] {
  if (Array.isArray(body)) return body
  return body?.data ?? []
}

/** A message for any thrown value, preferring the API's own words. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) {
    const fields = err.fieldErrors.map((f) => `${f.path} ${f.message}`).join('; ')
    return fields && !err.message.includes(fields) ? `${err.message} (${fields})` : err.message
  }
  return err instanceof Error ? err.message : String(err)
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
