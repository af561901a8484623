import { z } from '@hono/zod-openapi'

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ description: 'Reference to this app\'s page on the error: `/problems/<code>`', example: '/problems/order_not_found' }),
    title: z.string().openapi({ description: 'Short summary of the error type; the same for every occurrence of `code`' }),
    instance: z.string().openapi({ description: 'This occurrence: `urn:request:<X-Request-Id>`; quote it when reporting a problem', example: 'urn:request:4f1c…' }),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem')

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request',
  401: 'Missing or invalid access token',
  403: 'Not allowed for this account',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Validation failed; `errors` names each field',
  429: 'Too many attempts',
  501: 'Not available on this deployment',
  502: 'Payment provider failed',
  503: 'Temporarily unavailable (database down, busy or too slow, or shutting down); retry after `Retry-After` seconds',
}

/** OpenAPI entries for the problem+json responses a route can give. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: DESCRIPTIONS[s] ?? 'Error', content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  )
}

/** OpenAPI entry for a JSON response. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } }
}

/** OpenAPI request body entry for a required JSON body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } }
}

/** The bearer-token security requirement for OpenAPI. */
export const bearer = [{ bearerAuth: [] }]

/** Optional bearer auth (public, but a token shows more to its owner): `[{}, {bearerAuth: []}]`. */
export const optionalBearer: Array<Record<string, string[]>> = [{}, { bearerAuth: [] }]

/** No authentication: the route is public. */
export const publicRoute: Array<Record<string, string[]>> = []
