/**
 * The browser's API types, generated from the OpenAPI document with openapi-typescript into
 * src/web/client/api-types.gen.ts (committed). `npm run gen:api-types` rewrites it; a test fails
 * when it is out of date.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import { createApp } from '../app'
import { parseConfig } from '../config'
import type { AppDeps } from '../context'

/** Where the generated types live. */
export const CLIENT_TYPES_PATH = fileURLToPath(new URL('../web/client/api-types.gen.ts', import.meta.url))

const HEADER = '// Generated from the OpenAPI document by `npm run gen:api-types` (src/docs/client-types.ts). Do not edit.\n'

/** The OpenAPI document of the app, built without a server or database. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const deps = { config: parseConfig({ JWT_SECRET: 'x'.repeat(32) }), dbKind: 'postgres' } as AppDeps
  return (await (await createApp(deps).request('/openapi.json')).json()) as Record<string, unknown>
}

/** The source text of api-types.gen.ts for the current document. */
export async function clientTypesSource(): Promise<string> {
  return HEADER + astToString(await openapiTS((await openApiDocument()) as never))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(CLIENT_TYPES_PATH, await clientTypesSource())
  console.log(`wrote ${CLIENT_TYPES_PATH}`)
}
