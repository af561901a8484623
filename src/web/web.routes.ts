import { Hono } from 'hono'
import { compress } from 'hono/compress'
import type { AppEnv } from '../context'
import { problem, sendProblem } from '../http/problem'

/** Demo cities the map offers when the browser does not share its location. */
export const DEMO_CITIES = [
  { name: 'Hangzhou', lat: 30.2741, lng: 120.1551 },
  { name: 'Shanghai', lat: 31.2304, lng: 121.4737 },
  { name: 'New York', lat: 40.758, lng: -73.9855 },
  { name: 'London', lat: 51.5074, lng: -0.1278 },
] as const

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  png: 'image/png',
  svg: 'image/svg+xml',
  html: 'text/html; charset=utf-8',
}
const ASSET_NAME = /^[\w-]+\.(?:js\.|css\.)?(js|css|map|png|svg)$/

/** A map pin in the brand blue: the tab icon for both pages. */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 2a10 10 0 0 0-10 10c0 7.5 10 18 10 18s10-10.5 10-18A10 10 0 0 0 16 2z" fill="#1d4ed8"/><circle cx="16" cy="12" r="4" fill="#fff"/></svg>'

// Hashed assets never change under their name, so each is read from disk once.
const assetCache = new Map<string, Uint8Array>()

// Files built by src/web/build.mjs, read through a dynamic import so the Workers entry, which
// has no file system and does not serve the web app, never loads node:fs.
async function readDist(name: string): Promise<Uint8Array | undefined> {
  try {
    const { readFile } = await import('node:fs/promises')
    // Resolved here, not at import: bundled Workers code may have no file URL for this module.
    return new Uint8Array(await readFile(new URL(`./dist/${name}`, import.meta.url)))
  } catch {
    return undefined
  }
}

async function readAsset(file: string): Promise<Uint8Array | undefined> {
  const cached = assetCache.get(file)
  if (cached) return cached
  const body = await readDist(`assets/${file}`)
  if (body) assetCache.set(file, body)
  return body
}

function page(name: 'index' | 'merchant') {
  return async (c: import('hono').Context<AppEnv>) => {
    const html = await readDist(`${name}.html`)
    if (!html) {
      return sendProblem(c, problem(503, 'web_app_not_built', 'The web app has not been built; run `node src/web/build.mjs` (npm start does this).'))
    }
    return c.body(html as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': TYPES.html as string, 'Cache-Control': 'no-cache' })
  }
}

/**
 * The browser app: the consumer map at `/`, the merchant console at `/merchant`, their hashed
 * assets (cached forever) under `/assets/`, and `/app-config.json` with what the page needs.
 */
export const webRoutes = new Hono<AppEnv>()
  .use('/', compress())
  .use('/merchant', compress())
  .use('/assets/*', compress())
  .use('/shops/*', compress())
  .use('/orders/*', compress())
  .use('/split/*', compress())
  .use('/merchant/*', compress())
  .get('/', page('index'))
  // Deep links open the same app shell cold; the client reads the path and shows that view.
  .get('/shops/:id', page('index'))
  .get('/orders/:id', page('index'))
  // A split order's invite link (the share's 43-character token).
  .get('/split/:token', page('index'))
  .get('/merchant', page('merchant'))
  .get('/merchant/:view', page('merchant'))
  .get('/favicon.svg', (c) => c.body(FAVICON, 200, { 'Content-Type': TYPES.svg as string, 'Cache-Control': 'public, max-age=86400' }))
  .get('/app-config.json', (c) => {
    const { config } = c.var.deps
    c.header('Cache-Control', 'no-cache')
    return c.json({
      mapTileUrl: config.MAP_TILE_URL,
      stripePublishableKey: config.STRIPE_PUBLISHABLE_KEY ?? null,
      cities: DEMO_CITIES,
    })
  })
  .get('/assets/:file', async (c) => {
    const file = c.req.param('file')
    const match = ASSET_NAME.exec(file)
    const body = match ? await readAsset(file) : undefined
    if (!match || !body) return sendProblem(c, problem(404, 'asset_not_found', `no asset named ${file}`))
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': TYPES[match[1] as string] as string,
      'Cache-Control': 'public, max-age=31536000, immutable',
    })
  })
