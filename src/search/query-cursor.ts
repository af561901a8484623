import type { CursorCodec } from '../http/cursor'
import { DomainError, ValidationError } from '../errors'
import { sha256 } from '../http/digest'

interface BoundCursor<K> {
  /** Hash of the normalized query the cursor belongs to. */
  q: string
  k: K
}

function queryHash(query: unknown): string {
  return btoa(String.fromCharCode(...sha256(JSON.stringify(query)).subarray(0, 12)))
}

function invalidCursor(detail: string): ValidationError {
  return new ValidationError(detail, [{ path: 'cursor', message: detail }], 'invalid_cursor')
}

/**
 * Encodes a page position bound to `query` (normalized parameters), so the cursor only works
 * for the search that produced it.
 */
export async function encodeQueryCursor<K>(codec: CursorCodec, query: unknown, key: K): Promise<string> {
  const payload: BoundCursor<K> = { q: queryHash(query), k: key }
  return codec.encode(payload)
}

/**
 * Decodes a cursor made by encodeQueryCursor for the same `query`; ValidationError
 * (`invalid_cursor`, path `cursor`) when it is malformed, altered, or from another search.
 */
export async function decodeQueryCursor<K>(
  codec: CursorCodec,
  cursor: string,
  query: unknown,
  isKey: (key: unknown) => key is K,
): Promise<K> {
  let payload: Partial<BoundCursor<unknown>>
  try {
    payload = await codec.decode<Partial<BoundCursor<unknown>>>(cursor)
  } catch (err) {
    if (err instanceof DomainError) throw invalidCursor('cursor is malformed or was altered; start again from the first page')
    throw err
  }
  if (typeof payload !== 'object' || payload === null || !isKey(payload.k)) {
    throw invalidCursor('cursor is malformed or was altered; start again from the first page')
  }
  if (payload.q !== queryHash(query)) {
    throw invalidCursor('cursor belongs to a search with different parameters; start again from the first page')
  }
  return payload.k
}
