/**
 * Writes the OpenAPI document to a file (default stdout) without a server or a database:
 * `tsx src/docs/export-openapi.ts openapi.json`. Used by `npm run lint:api` and the type generator.
 */
import { writeFileSync } from 'node:fs'
import { createApp } from '../app'
import { parseConfig } from '../config'
import type { AppDeps } from '../context'

const deps = { config: parseConfig({ JWT_SECRET: 'x'.repeat(32) }), dbKind: 'postgres' } as AppDeps
const res = await createApp(deps).request('/openapi.json')
const text = `${JSON.stringify(await res.json(), null, 2)}\n`
const target = process.argv[2]
if (target) writeFileSync(target, text)
else process.stdout.write(text)
