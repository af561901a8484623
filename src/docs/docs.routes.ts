import { Hono } from 'hono'
import type { AppEnv } from '../context'
import { problem, sendProblem } from '../http/problem'

// swagger-ui-dist is pinned to an exact version in package.json and served from our own origin,
// so /docs works offline and under the same Content-Security-Policy as the rest of the app.
const VENDOR_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
}

// Our own start script (no inline script, so script-src stays 'self').
const INIT_JS = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', validatorUrl: null, deepLinking: true })\n`

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>O2O local services API — reference</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/init.js"></script>
</body>
</html>
`

const cache = new Map<string, Uint8Array>()

// Read through dynamic imports so the Workers entry, which has no file system, never loads node:fs.
async function readVendorFile(name: string): Promise<Uint8Array | undefined> {
  const cached = cache.get(name)
  if (cached) return cached
  try {
    const [{ readFile }, { createRequire }] = await Promise.all([import('node:fs/promises'), import('node:module')])
    const body = new Uint8Array(await readFile(createRequire(import.meta.url).resolve(`swagger-ui-dist/${name}`)))
    cache.set(name, body)
    return body
  } catch {
    return undefined
  }
}

/** The interactive API reference at /docs (Swagger UI over /openapi.json), with its assets under /docs/assets/. */
export const docsRoutes = new Hono<AppEnv>()
  .get('/docs', (c) => c.html(PAGE))
  .get('/docs/assets/init.js', (c) => c.body(INIT_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }))
  .get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file')
    const type = Object.hasOwn(VENDOR_FILES, file) ? VENDOR_FILES[file] : undefined
    const body = type ? await readVendorFile(file) : undefined
    if (!type || !body) return sendProblem(c, problem(404, 'asset_not_found', `no docs asset named ${file}`))
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' })
  })
