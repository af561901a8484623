import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../context'
import { completeDocument } from './openapi-document'

const INFO = {
  title: 'O2O local services API',
  version: '1.0.0',
  description:
    'Find shops and services nearby, order and pay online, redeem in person. Errors are RFC 9457 problem documents ' +
    '(`application/problem+json`) whose `type` URL explains the error; amounts are integers in the minor unit of the ' +
    "storefront's ISO 4217 currency. A path asked with a method it does not take answers 405 with `Allow`; a trailing " +
    'slash answers 308 to the path without it. Browsers on other origins may call the API when listed in CORS_ORIGINS.',
  license: { name: 'MIT', identifier: 'MIT' },
  contact: { name: 'O2O local maintainers', url: 'https://github.com/o2o-local/o2o-local/issues' },
}

/** Serves GET /openapi.json: the generated document completed by completeDocument (built once). */
export function serveOpenApiDocument(app: OpenAPIHono<AppEnv>): void {
  let cached: string | undefined
  app.get('/openapi.json', (c) => {
    cached ??= JSON.stringify(completeDocument(app.getOpenAPI31Document({ openapi: '3.1.0', info: INFO })))
    return c.body(cached, 200, { 'Content-Type': 'application/json' })
  })
}
