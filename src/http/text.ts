import { z } from '@hono/zod-openapi'

// C0 and C1 controls and DEL: PostgreSQL refuses NUL in text (a 500 before this check), and the
// others have no business in names, tags or search terms. Bidi embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069) go too: a display name shown beside a review or on a split
// invite could otherwise reverse the text after it ("…‮gnp.exe"). The marks U+200E/U+200F stay.
const NO_CONTROLS = /^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/
// Multi-line text keeps tab, line feed and carriage return.
const NO_CONTROLS_BUT_WHITESPACE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/

/**
 * A one-line text input (names, tags, search terms, ids, headers): any control character → 422.
 * Every request schema builds its strings from this or from `text()`.
 * @example const name = singleLine().trim().min(1, 'is required').max(120)
 */
export function singleLine(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).regex(NO_CONTROLS, 'must not contain control characters')
}

/**
 * A multi-line text input (descriptions): tab and line breaks allowed, other control characters → 422.
 * @example const description = text().max(2000).nullable()
 */
export function text() {
  return z.string().regex(NO_CONTROLS_BUT_WHITESPACE, 'must not contain control characters other than tab and line breaks')
}

/** The query of a route that takes no query parameters: any parameter is refused with 422. */
export const NoQuery = z.strictObject({})
