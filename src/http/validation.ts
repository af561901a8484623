import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { z } from 'zod'
import type { AppEnv } from '../context'
import type { FieldError } from '../errors'
import { problem, sendProblem } from './problem'

/** `['hours', 2, 'close']` → `hours[2].close`: the way a person writes a field path. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out
}

/**
 * Turns zod issues into the `errors` list of a 422 problem; an unknown field or parameter gets one
 * entry per name, so a typo like `radius=5` is named rather than silently ignored.
 */
export function fieldErrors(error: z.ZodError, prefix?: string, unknownWhat = 'field'): FieldError[] {
  const full = (path: string) => (prefix ? (path ? `${prefix}.${path}` : prefix) : path || '(body)')
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: full(formatPath([...issue.path, key])), message: `is not a known ${unknownWhat}` }))
    }
    return [{ path: full(formatPath(issue.path)), message: issue.message }]
  })
}

const UNKNOWN_WHAT: Record<string, string> = { query: 'query parameter', param: 'path parameter', header: 'header' }

function validationHook(
  result: { success: true } | { success: false; error: z.ZodError; target: string },
  c: Context<AppEnv>,
): Response | undefined {
  if (result.success) return undefined
  const errors = fieldErrors(result.error, undefined, UNKNOWN_WHAT[result.target] ?? 'field')
  const where = result.target === 'json' ? 'body' : result.target
  const detail = `Invalid ${where}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`
  return sendProblem(c, problem(422, 'validation_failed', detail, errors))
}

/** A router whose request validation failures become 422 problem documents naming each field. */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never })
}
