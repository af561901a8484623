// Black-box API flows against a running server (BASE_URL), used by test/workers/run.sh on
// `wrangler dev --local`: sign-up to redemption, search, maps, a signed Stripe webhook, then load
// with zero 5xx. Exits non-zero on the first unexpected answer.
import pg from 'pg'
import sharp from 'sharp'
import Stripe from 'stripe'
import { hashPassword } from '../../src/auth/password'
import { jpegWithGps } from '../support/images'

const base = process.env.BASE_URL ?? 'http://127.0.0.1:8787'
// `npm start` on the same database and secrets (run.sh starts it): hashes and tokens must cross both ways.
const nodeBase = process.env.NODE_BASE_URL
const databaseUrl = process.env.DATABASE_URL
if (!nodeBase || !databaseUrl) {
  console.error('[workers] FAIL: NODE_BASE_URL and DATABASE_URL are required (see test/workers/run.sh)')
  process.exit(1)
}
const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET ?? ''
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
let fiveXx = 0

async function call(method: string, path: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string>; at?: string } = {}) {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  let body: string | undefined = options.raw
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  const res = await fetch(`${options.at ?? base}${path}`, { method, headers, body })
  if (res.status >= 500) fiveXx++
  const text = await res.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = text
  }
  return { status: res.status, body: json, type: res.headers.get('content-type') ?? '' }
}

function expectStatus(what: string, res: { status: number; body: unknown }, want: number) {
  if (res.status !== want) {
    console.error(`[workers] FAIL: ${what}: HTTP ${res.status}, expected ${want}: ${JSON.stringify(res.body).slice(0, 400)}`)
    process.exit(1)
  }
  console.log(`[workers] PASS: ${what} (HTTP ${res.status})`)
}

function check(what: string, ok: boolean, detail?: unknown) {
  if (!ok) {
    console.error(`[workers] FAIL: ${what}${detail === undefined ? '' : `: ${JSON.stringify(detail).slice(0, 400)}`}`)
    process.exit(1)
  }
  console.log(`[workers] PASS: ${what}`)
}

const password = 'worker flows passphrase 7431'
const here = { lat: 30.2741, lng: 120.1551 }

expectStatus('health', await call('GET', '/health'), 200)
const page = await fetch(`${base}/`)
check('web app served as a static asset', page.status === 200 && (await page.text()).includes('<html'))
const merchantPage = await fetch(`${base}/merchant`)
check('merchant console served', merchantPage.status === 200)
await merchantPage.text()

const merchantEmail = `m-${run}@example.test`
expectStatus('merchant registers', await call('POST', '/v1/auth/register', { body: { email: merchantEmail, password, name: 'Worker Merchant', role: 'merchant' } }), 201)
const login = await call('POST', '/v1/auth/login', { body: { email: merchantEmail, password } })
expectStatus('merchant logs in', login, 200)
const owner = login.body.token as string

// One account base for both runtimes: a hash made by the Worker signs in on Node and the reverse,
// and a token from either is accepted by the other.
expectStatus('Worker-made hash signs in on Node', await call('POST', '/v1/auth/login', { at: nodeBase, body: { email: merchantEmail, password } }), 200)
expectStatus('Worker token accepted by Node', await call('GET', '/v1/me', { at: nodeBase, token: owner }), 200)
const nodeEmail = `n-${run}@example.test`
expectStatus('account registered on Node', await call('POST', '/v1/auth/register', { at: nodeBase, body: { email: nodeEmail, password, name: 'Node Diner', role: 'consumer' } }), 201)
const onWorker = await call('POST', '/v1/auth/login', { body: { email: nodeEmail, password } })
expectStatus('Node-made hash signs in on the Worker', onWorker, 200)
expectStatus('wrong password on the Worker', await call('POST', '/v1/auth/login', { body: { email: nodeEmail, password: `${password}!` } }), 401)
const nodeLogin = await call('POST', '/v1/auth/login', { at: nodeBase, body: { email: nodeEmail, password } })
expectStatus('Node token accepted by the Worker', await call('GET', '/v1/me', { token: nodeLogin.body.token }), 200)

// A hash from before the pepper (600,000 unpeppered rounds, over Workers' Web Crypto cap) signs in
// on the Worker and is upgraded there; the upgraded hash then signs in on Node.
const admin = new pg.Client({ connectionString: databaseUrl })
await admin.connect()
const legacyHash = await hashPassword(password) // no pepper in this process: the old scheme
check('legacy hash is the old scheme', legacyHash.startsWith('pbkdf2-sha256$600000$'), legacyHash.slice(0, 30))
await admin.query('UPDATE users SET password_hash = $1 WHERE email = $2', [legacyHash, nodeEmail])
expectStatus('legacy hash signs in on the Worker', await call('POST', '/v1/auth/login', { body: { email: nodeEmail, password } }), 200)
const { rows: upgradedRows } = await admin.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [nodeEmail])
await admin.end()
check('legacy hash upgraded by the Worker to the peppered scheme', upgradedRows[0]?.password_hash.startsWith('pbkdf2-sha256-hmac$100000$') === true, upgradedRows[0]?.password_hash.slice(0, 30))
// Sign-ins at once in one isolate queue for the password hasher: a slot freed by one request must
// wake a sign-in waiting in another without hanging it (Workers keep each request's promises apart).
const together = await Promise.all(Array.from({ length: 8 }, () => call('POST', '/v1/auth/login', { body: { email: merchantEmail, password } })))
check('8 concurrent sign-ins on the Worker all answer 200', together.every((r) => r.status === 200), together.map((r) => r.status))
expectStatus('upgraded hash signs in on Node', await call('POST', '/v1/auth/login', { at: nodeBase, body: { email: nodeEmail, password } }), 200)

// Photos: checked and stripped in the Worker, stored in the (locally simulated) R2 bucket MEDIA.
const form = new FormData()
form.append('file', new File([new Uint8Array(await jpegWithGps(600, 300))], 'shop.jpg', { type: 'image/jpeg' }))
const uploaded = await fetch(`${base}/v1/uploads`, { method: 'POST', headers: { Authorization: `Bearer ${owner}` }, body: form })
const photo = await uploaded.json()
expectStatus('photo uploaded to R2', { status: uploaded.status, body: photo }, 201)
check('photo kept at its upright size, its own thumbnail', photo.width === 300 && photo.height === 600 && photo.thumbnail_url === photo.url, photo)
const svgForm = new FormData()
svgForm.append('file', new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'x.jpg', { type: 'image/jpeg' }))
const svg = await fetch(`${base}/v1/uploads`, { method: 'POST', headers: { Authorization: `Bearer ${owner}` }, body: svgForm })
expectStatus('an SVG upload refused by content', { status: svg.status, body: await svg.text() }, 415)

const storefront = await call('POST', '/v1/merchants', {
  token: owner,
  body: { photo_ids: [photo.id], name: `Worker Coffee ${run}`, category: 'coffee', location: here, timezone: 'Asia/Shanghai', hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '23:59' })) },
})
expectStatus('storefront opened', storefront, 201)
check('storefront shows the photo', storefront.body.photos?.[0]?.url === photo.url, storefront.body.photos)
const media = await fetch(`${base}${photo.url}`)
const mediaBytes = Buffer.from(await media.arrayBuffer())
check('photo served back from R2 as JPEG', media.status === 200 && media.headers.get('content-type') === 'image/jpeg', media.status)
const served = await sharp(mediaBytes).metadata()
check('served photo decodes, upright by orientation, without GPS or copyright', served.width === 600 && served.orientation === 6 && !mediaBytes.includes(Buffer.from('Home sweet home')), served)
expectStatus('unknown media key', { status: (await fetch(`${base}/media/${'0'.repeat(32)}.jpg`)).status, body: '' }, 404)
const merchantId = storefront.body.id as string
const offering = await call('POST', `/v1/merchants/${merchantId}/offerings`, { token: owner, body: { name: 'Flat white', kind: 'voucher', price_cents: 2800, currency: 'CNY' } })
expectStatus('offering added', offering, 201)
expectStatus('storefront published', await call('POST', `/v1/merchants/${merchantId}/publish`, { token: owner }), 200)

const nearby = await call('GET', `/v1/search/nearby?lat=${here.lat}&lng=${here.lng}&radius_m=2000&limit=50`)
expectStatus('nearby search (JSON)', nearby, 200)
check('nearby finds the new storefront', nearby.body.data.some((s: { id: string }) => s.id === merchantId))
const geo = await call('GET', `/v1/search/nearby?lat=${here.lat}&lng=${here.lng}&radius_m=2000&format=geojson`)
expectStatus('nearby search (GeoJSON)', geo, 200)
check('GeoJSON is a FeatureCollection', geo.body.type === 'FeatureCollection' && Array.isArray(geo.body.features))
const clusters = await call('GET', '/v1/search/map?bbox=120.10,30.20,120.25,30.32&zoom=12')
expectStatus('map clusters', clusters, 200)

const consumerEmail = `c-${run}@example.test`
const consumer = (await call('POST', '/v1/auth/register', { body: { email: consumerEmail, password, name: 'Worker Consumer', role: 'consumer' } }))
expectStatus('consumer registers', consumer, 201)
const order = await call('POST', '/v1/orders', {
  token: consumer.body.token,
  headers: { 'Idempotency-Key': `wk-${run}` },
  body: { merchant_id: merchantId, items: [{ offering_id: offering.body.id, quantity: 1 }], payment_method: 'cash' },
})
expectStatus('cash order placed', order, 201)
const again = await call('POST', '/v1/orders', {
  token: consumer.body.token,
  headers: { 'Idempotency-Key': `wk-${run}` },
  body: { merchant_id: merchantId, items: [{ offering_id: offering.body.id, quantity: 1 }], payment_method: 'cash' },
})
check('idempotent replay returns the same order', again.body.id === order.body.id, again.body)
expectStatus('order read back', await call('GET', `/v1/orders/${order.body.id}`, { token: consumer.body.token }), 200)
expectStatus('order redeemed at the counter', await call('POST', `/v1/merchants/${merchantId}/redemptions`, { token: owner, body: { code: order.body.redemption_code } }), 200)

const event = { id: `evt_${run}`, object: 'event', type: 'customer.created', api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1, request: null, data: { object: { id: `cus_${run}`, object: 'customer' } } }
const payload = JSON.stringify(event)
const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret })
expectStatus('signed Stripe webhook accepted', await call('POST', '/v1/webhooks/stripe', { raw: payload, headers: { 'Stripe-Signature': signature, 'Content-Type': 'application/json' } }), 200)
const forged = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someone_else' })
expectStatus('forged Stripe webhook refused', await call('POST', '/v1/webhooks/stripe', { raw: payload, headers: { 'Stripe-Signature': forged, 'Content-Type': 'application/json' } }), 400)

// Load: every answer must come from a fresh per-request connection without a 5xx.
const paths = ['/health', `/v1/search/nearby?lat=${here.lat}&lng=${here.lng}&radius_m=3000`, `/v1/merchants/${merchantId}`, '/v1/search/map?bbox=120.10,30.20,120.25,30.32&zoom=13', '/v1/categories']
const started = performance.now()
const sequential: number[] = []
for (let i = 0; i < 200; i++) sequential.push((await call('GET', paths[i % paths.length] as string)).status)
const sequentialMs = performance.now() - started
const concurrent = (await Promise.all(Array.from({ length: 50 }, (_, i) => call('GET', paths[i % paths.length] as string)))).map((r) => r.status)
const notOk = [...sequential, ...concurrent].filter((status) => status !== 200)
check(`200 sequential (${sequentialMs.toFixed(0)} ms) + 50 concurrent requests, every one 200, zero 5xx over the whole run`, fiveXx === 0 && notOk.length === 0, { fiveXx, notOk })
