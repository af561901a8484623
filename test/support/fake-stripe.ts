import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request the fake Stripe API received, with its form body flattened (`metadata[order_id]`). */
export interface StripeRequest {
  method: string
  path: string
  idempotencyKey: string | undefined
  authorization: string | undefined
  form: Record<string, string>
}

export interface FakeStripe {
  /** Base URL for STRIPE_API_BASE, e.g. http://127.0.0.1:53211 */
  url: string
  requests: StripeRequest[]
  /** Requests to paths starting with `prefix`. */
  calls(prefix: string): StripeRequest[]
  /** Makes the next `count` requests fail with a 500 (the SDK retries, so count its retries too). */
  failNext(count: number): void
  close(): Promise<void>
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = ''
  for await (const chunk of req) body += chunk
  return body
}

/**
 * An in-process stand-in for the Stripe API on 127.0.0.1 (random port): records each request
 * and answers minimal JSON objects. Like Stripe, a repeated Idempotency-Key replays the first answer.
 */
export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: StripeRequest[] = []
  const replays = new Map<string, unknown>()
  let failures = 0
  let seq = 0
  const server = createServer(async (req, res) => {
    const raw = await readBody(req)
    const path = (req.url ?? '/').split('?')[0] as string
    const record: StripeRequest = {
      method: req.method ?? 'GET',
      path,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      authorization: req.headers.authorization,
      form: Object.fromEntries(new URLSearchParams(raw)),
    }
    requests.push(record)
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': `req_${seq}` })
      res.end(JSON.stringify(body))
    }
    if (failures > 0) {
      failures--
      return send(500, { error: { type: 'api_error', message: 'fake outage' } })
    }
    const replayKey = record.idempotencyKey ? `${path}|${record.idempotencyKey}` : undefined
    if (replayKey && replays.has(replayKey)) return send(200, replays.get(replayKey))
    const n = ++seq
    const f = record.form
    let body: unknown
    if (path === '/v1/payment_intents') {
      const metadata = { order_id: f['metadata[order_id]'], ...(f['metadata[share_id]'] ? { share_id: f['metadata[share_id]'] } : {}) }
      body = { id: `pi_fake${n}`, object: 'payment_intent', amount: Number(f.amount), currency: f.currency, capture_method: f.capture_method ?? 'automatic', client_secret: `pi_fake${n}_secret_${n}`, status: 'requires_payment_method', metadata }
    } else if (/^\/v1\/payment_intents\/[\w]+\/capture$/.test(path)) {
      // Manual capture: the authorised amount is taken.
      body = { id: path.split('/')[3], object: 'payment_intent', status: 'succeeded' }
    } else if (/^\/v1\/payment_intents\/[\w]+\/cancel$/.test(path)) {
      body = { id: path.split('/')[3], object: 'payment_intent', status: 'canceled' }
    } else if (path === '/v1/refunds') {
      body = { id: `re_fake${n}`, object: 'refund', payment_intent: f.payment_intent, status: 'pending' }
    } else if (path === '/v1/accounts') {
      body = { id: `acct_fake${n}`, object: 'account', type: f.type, charges_enabled: false, payouts_enabled: false, details_submitted: false }
    } else if (path === '/v1/account_links') {
      body = { object: 'account_link', url: `https://connect.stripe.test/setup/${f.account}/${n}`, expires_at: 0, created: 0 }
    } else {
      return send(404, { error: { type: 'invalid_request_error', message: `no fake for ${path}` } })
    }
    if (replayKey) replays.set(replayKey, body)
    send(200, body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    calls: (prefix) => requests.filter((r) => r.path.startsWith(prefix)),
    failNext: (count) => {
      failures = count
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
