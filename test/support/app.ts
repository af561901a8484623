import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { createApp } from '../../src/app'
import { parseConfig } from '../../src/config'
import type { AppDeps } from '../../src/context'
import type { DatabaseHandle } from '../../src/db/client'
import { createEventHub } from '../../src/events/event-hub'
import { createCursorCodec } from '../../src/http/cursor'
import { createPaymentProviders } from '../../src/payments/provider'
import { filesystemStorage } from '../../src/uploads/fs-storage'
import { sharpImages } from '../../src/uploads/sharp-images'
import type { MediaStorage } from '../../src/uploads/storage'
import { ContractChecker } from './contract'
import { openTestDatabase } from './db'

let checker: ContractChecker | undefined

/**
 * Every response the suite receives through `app.request` (and so `call`) is checked against the
 * app's OpenAPI document: an undocumented status or field fails the test that received it.
 */
async function checkResponsesAgainstDocument(app: ReturnType<typeof createApp>): Promise<void> {
  checker ??= new ContractChecker(await (await app.request('/openapi.json')).json())
  const contract = checker
  const request = app.request.bind(app)
  app.request = (async (input: RequestInfo | URL, init?: RequestInit, ...rest: unknown[]) => {
    const res = await (request as (...args: unknown[]) => Promise<Response>)(input, init, ...rest)
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET')
    const contentType = res.headers.get('content-type') ?? ''
    if (/json/.test(contentType) || !res.ok) {
      contract.check(method, url, res.status, contentType || null, await res.clone().text())
    } else {
      contract.check(method, url, res.status, contentType || null, '')
    }
    return res
  }) as typeof app.request
}

export interface TestContext {
  app: ReturnType<typeof createApp>
  deps: AppDeps
  db: AppDeps['db']
  handle: DatabaseHandle
  /** Temporary folder behind the default filesystem media storage (removed after the file's tests). */
  mediaDir: string
  /** Pins the clock the app sees; `undefined` returns to real time. */
  setNow(at: Date | undefined): void
  /** Calls the app in-process, like a client would over HTTP. */
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>
}

export interface CallOptions {
  body?: unknown
  /** Sent verbatim (for malformed-JSON tests) instead of JSON-encoding `body`. */
  rawBody?: string
  token?: string
  headers?: Record<string, string>
}

export interface CallResult {
  status: number
  headers: Headers
  // biome-ignore lint: tests read arbitrary response shapes
  body: any
  text: string
}

const TEST_SECRET = 'test-secret-test-secret-test-secret-0123'

/**
 * Rate limits high enough that no test meets them by accident (every in-process request comes
 * from the same unknown address). Tests of the limits themselves pass low ones in `env`.
 */
export const GENEROUS_RATE_LIMITS: Record<string, string> = {
  RATE_LIMIT_WRITE_MAX: '1000000',
  RATE_LIMIT_SIGNIN_IP_MAX: '1000000',
  RATE_LIMIT_SIGNIN_EMAIL_MAX: '1000000',
}

/** Builds an app over a fresh test database with the given env overrides (and media storage, a temp folder by default). */
export async function createTestContext(env: Record<string, string> = {}, options: { storage?: MediaStorage } = {}): Promise<TestContext> {
  const handle = await openTestDatabase()
  const config = parseConfig({ JWT_SECRET: TEST_SECRET, ...GENEROUS_RATE_LIMITS, ...env })
  const mediaDir = await mkdtemp(join(tmpdir(), 'o2o-media-'))
  let pinned: Date | undefined
  const deps: AppDeps = {
    db: handle.db,
    dbKind: handle.kind,
    config,
    jwtSecret: TEST_SECRET,
    cursors: createCursorCodec(TEST_SECRET),
    payments: createPaymentProviders(config),
    storage: options.storage ?? filesystemStorage(mediaDir),
    images: sharpImages(),
    now: () => pinned ?? new Date(),
    events: createEventHub(handle.db, handle.listen, { maxStreamsPerUser: config.EVENTS_MAX_STREAMS_PER_USER }),
  }
  const app = createApp(deps)
  await checkResponsesAgainstDocument(app)
  const call = async (method: string, path: string, options: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.token) headers.Authorization = `Bearer ${options.token}`
    let body: string | undefined = options.rawBody
    if (options.body !== undefined) body = JSON.stringify(options.body)
    if (body !== undefined) headers['Content-Type'] ??= 'application/json'
    const res = await app.request(path, { method, headers, body })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      // not JSON: leave as text
    }
    return { status: res.status, headers: res.headers, body: parsed, text }
  }
  return { app, deps, db: handle.db, handle, mediaDir, setNow: (at) => (pinned = at), call }
}

/**
 * Registers beforeAll/afterAll hooks that give the test file one app over its own database.
 * @example const t = useTestApp(); it('…', async () => { await t.call('GET', '/health') })
 */
export function useTestApp(env: Record<string, string> = {}, options: { storage?: () => MediaStorage } = {}): TestContext {
  const ctx = {} as TestContext
  beforeAll(async () => {
    Object.assign(ctx, await createTestContext(env, { storage: options.storage?.() }))
  })
  afterAll(async () => {
    await ctx.deps?.events?.close()
    await ctx.handle?.close()
    if (ctx.mediaDir) await rm(ctx.mediaDir, { recursive: true, force: true })
  })
  return ctx
}
