import { z } from '@hono/zod-openapi'
import { ValidationError } from '../errors'
import type { CursorCodec } from './cursor'

/** Where a page of a (created_at, id)-ordered list ends: the next page starts strictly after it. */
export interface CreatedPosition {
  createdAt: Date
  id: string
}

interface PositionCursor {
  /** The list the cursor belongs to, e.g. `offerings:<storefront id>`. */
  l: string
  k: [string, string]
}

/**
 * `?cursor&limit` of a keyset-paged list (limit 1–100, `defaultLimit` when absent).
 * @example request: { query: pageQuery(50) }
 */
export function pageQuery(defaultLimit: number) {
  return z.strictObject({
    cursor: z.string().max(2048).optional().openapi({ description: 'next_cursor of the previous page' }),
    limit: z.coerce.number<string>({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 to 100').max(100, 'must be 1 to 100').default(defaultLimit)
      .openapi({ type: 'integer', minimum: 1, maximum: 100, default: defaultLimit }),
  })
}

function invalidCursor(detail: string): ValidationError {
  return new ValidationError(detail, [{ path: 'cursor', message: detail }], 'invalid_cursor')
}

/**
 * The position a cursor of list `scope` points at; undefined without a cursor. A malformed,
 * altered or other list's cursor is a 422 `invalid_cursor` naming `cursor`.
 */
export async function decodePosition(codec: CursorCodec, cursor: string | undefined, scope: string): Promise<CreatedPosition | undefined> {
  if (cursor === undefined) return undefined
  const payload = await codec.decode<Partial<PositionCursor> | null>(cursor)
  const key = payload?.k
  if (payload?.l !== scope || !Array.isArray(key) || key.length !== 2 || typeof key[0] !== 'string' || typeof key[1] !== 'string' || Number.isNaN(Date.parse(key[0]))) {
    throw invalidCursor('cursor belongs to another list; start again from the first page')
  }
  return { createdAt: new Date(key[0]), id: key[1] }
}

/**
 * `{data, next_cursor}` from rows read with `limit + 1`: the extra row only says another page exists.
 * @example await pageOf(deps.cursors, rows, 50, `storefronts:${user.id}`, toStorefront)
 */
export async function pageOf<R extends { created_at: Date; id: string }, T>(
  codec: CursorCodec,
  rows: R[],
  limit: number,
  scope: string,
  present: (rows: R[]) => T[] | Promise<T[]>,
): Promise<{ data: T[]; next_cursor: string | null }> {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  const next_cursor = rows.length > limit && last ? await codec.encode({ l: scope, k: [last.created_at.toISOString(), last.id] } satisfies PositionCursor) : null
  return { data: await present(page), next_cursor }
}
