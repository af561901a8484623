import fc from 'fast-check'
import { badJsonValue, badString, malformedJson } from './bad-values'
import { type FuzzWorld, idFor, type Operation, type Schema, validValue } from './operations'

/** One generated request, described well enough to replay it by hand. */
export interface FuzzRequest {
  /** `METHOD /path/template` */
  operation: string
  /** What was made bad, e.g. `body:field items[0].quantity` or `auth:expired`. */
  mutation: string
  method: string
  url: string
  headers: Record<string, string>
  body?: string
}

/** Tokens the fuzzer can sign in with, and bad ones to try. */
export interface FuzzTokens {
  consumer: string
  merchant: string
  /** Name → bad Authorization header value (expired, wrong secret, unknown user, …). */
  bad: Record<string, string>
}

type Json = unknown
type Step = (draft: Draft) => void

interface Draft {
  mutation: string
  path: Record<string, string>
  rawPath?: Record<string, string>
  query: Array<[string, string]>
  headers: Record<string, string>
  body: Json
  rawBody?: string
}

/** Paths to every value inside a JSON document, e.g. ['items', 0, 'quantity']. */
function pointers(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const here = prefix.length > 0 ? [prefix] : []
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pointers(v, [...prefix, i]))]
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => pointers(v, [...prefix, k]))]
  return here
}

function setAt(root: Json, path: Array<string | number>, value: Json | typeof DELETE): Json {
  if (path.length === 0) return value
  const copy = structuredClone(root) as Record<string | number, Json>
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>
  const last = path.at(-1) as string | number
  if (value === DELETE) {
    if (Array.isArray(node)) node.splice(Number(last), 1)
    else delete node[last]
  } else node[last] = value
  return copy
}
const DELETE = Symbol('delete')

const pathName = (p: Array<string | number>) => p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '')

/** The mutations that apply to `op`, each a fast-check arbitrary of one change to a valid draft. */
function mutations(op: Operation, base: Draft, tokens: FuzzTokens): Array<fc.Arbitrary<Step>> {
  const steps: Array<fc.Arbitrary<Step>> = []
  const query = op.parameters.filter((p) => p.in === 'query')
  const paths = op.parameters.filter((p) => p.in === 'path')
  const headers = op.parameters.filter((p) => p.in === 'header')
  if (query.length > 0) {
    steps.push(
      fc.tuple(fc.constantFrom(...query), badString).map(([p, v]) => (d: Draft) => {
        d.mutation = `query:${p.name}`
        d.query = [...d.query.filter(([k]) => k !== p.name), [p.name, v]]
      }),
      fc.constantFrom(...query).map((p) => (d: Draft) => {
        d.mutation = `query:drop ${p.name}`
        d.query = d.query.filter(([k]) => k !== p.name)
      }),
      fc.tuple(fc.constantFrom(...query), badString).map(([p, v]) => (d: Draft) => {
        d.mutation = `query:repeat ${p.name}`
        d.query.push([p.name, v])
      }),
    )
  }
  steps.push(
    fc.tuple(fc.constantFrom('radius', 'page', 'admin', '__proto__', 'x'.repeat(300), 'bbox[]'), badString).map(([k, v]) => (d: Draft) => {
      d.mutation = `query:extra ${k.slice(0, 20)}`
      d.query.push([k, v])
    }),
  )
  if (paths.length > 0) {
    steps.push(
      fc.tuple(fc.constantFrom(...paths), badString).map(([p, v]) => (d: Draft) => {
        d.mutation = `path:${p.name}`
        d.path[p.name] = v
      }),
      fc.tuple(fc.constantFrom(...paths), fc.constantFrom('%zz', '%E0%A4%A', '%00', '%2F..%2F', '%C0%AF', '..', '%', '%25')).map(([p, v]) => (d: Draft) => {
        d.mutation = `path:raw ${p.name}`
        d.rawPath = { [p.name]: v }
      }),
    )
  }
  for (const h of headers) {
    steps.push(
      fc.oneof(badString, fc.constant('')).map((v) => (d: Draft) => {
        d.mutation = `header:${h.name}`
        d.headers[h.name] = v
      }),
    )
  }
  if (op.body) {
    const targets = pointers(base.body)
    if (targets.length > 0) {
      steps.push(
        fc.tuple(fc.constantFrom(...targets), badJsonValue).map(([p, v]) => (d: Draft) => {
          d.mutation = `body:field ${pathName(p)}`
          d.body = setAt(d.body, p, v)
        }),
        fc.constantFrom(...targets).map((p) => (d: Draft) => {
          d.mutation = `body:drop ${pathName(p)}`
          d.body = setAt(d.body, p, DELETE)
        }),
      )
    }
    steps.push(
      fc.tuple(fc.constantFrom('extra', 'id', 'owner_id', 'status', 'total_cents', '__proto__', 'constructor'), badJsonValue).map(([k, v]) => (d: Draft) => {
        d.mutation = `body:extra ${k}`
        d.body = { ...(d.body as object), [k]: v }
      }),
      badJsonValue.map((v) => (d: Draft) => {
        d.mutation = 'body:whole'
        d.body = v
      }),
      malformedJson.map((raw) => (d: Draft) => {
        d.mutation = 'body:malformed'
        d.rawBody = raw
      }),
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/xml', '', 'application/jsonx').map((type) => (d: Draft) => {
        d.mutation = `content-type:${type || '(none)'}`
        d.headers['content-type'] = type
      }),
    )
  }
  const badAuth = Object.keys(tokens.bad)
  steps.push(
    fc.constantFrom(...badAuth).map((name) => (d: Draft) => {
      d.mutation = `auth:${name}`
      d.headers.authorization = tokens.bad[name] as string
    }),
    fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD').map((method) => (d: Draft) => {
      d.mutation = `method:${method}`
      d.headers['x-fuzz-method'] = method
    }),
  )
  return steps
}

/** Percent-encodes like a client would; lone surrogates (not encodable) become U+FFFD first. */
function encodeSegment(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'))
}

function fillPath(template: string, values: Record<string, string>, raw: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => raw[name] ?? encodeSegment(values[name] ?? ''))
}

/**
 * Header values must be ByteStrings without NUL, CR or LF (no client can send those): anything else
 * is sent as its UTF-8 bytes read as Latin-1, and NUL/CR/LF become '?'.
 */
function latin1(value: string): string {
  const bytes = /^[\u0000-\u00ff]*$/.test(value) ? value : String.fromCharCode(...new TextEncoder().encode(value).subarray(0, 16_000))
  return bytes.replace(/[\u0000\r\n]/g, '?')
}

/**
 * Bad requests for one operation: a valid request (real ids, the caller's own token) with one
 * thing made bad, so each request probes one rule.
 */
export function requestsFor(op: Operation, resolve: (s: Schema) => Schema, world: FuzzWorld, tokens: FuzzTokens): fc.Arbitrary<FuzzRequest> {
  const base: Draft = { mutation: '', path: {}, query: [], headers: {}, body: undefined }
  for (const p of op.parameters) {
    const value = p.in === 'path' && p.name === 'id' ? idFor(p.name, world, op.path) : String(validValue(p.schema, resolve, world, p.name))
    if (p.in === 'path') base.path[p.name] = p.name === 'z' ? '12' : p.name === 'x' ? '3422' : p.name === 'y' ? '1679' : value
    else if (p.in === 'query' && (p.required || p.name !== 'cursor')) base.query.push([p.name, value])
    else if (p.in === 'header') base.headers[p.name] = p.name === 'idempotency-key' ? 'fuzz-__UNIQUE__' : value
  }
  if (op.body) base.body = validValue(op.body, resolve, world)
  const operation = `${op.method} ${op.path}`
  return fc.tuple(fc.oneof(...mutations(op, base, tokens)), fc.constantFrom('consumer', 'merchant') as fc.Arbitrary<'consumer' | 'merchant'>).map(([step, role]) => {
    const d: Draft = structuredClone({ ...base, body: base.body }) as Draft
    if (op.secured) d.headers.authorization = `Bearer ${tokens[role]}`
    step(d)
    const method = d.headers['x-fuzz-method'] ?? op.method
    delete d.headers['x-fuzz-method']
    const search = d.query.length > 0 ? `?${new URLSearchParams(d.query).toString()}` : ''
    let body: string | undefined
    if (op.body && !['GET', 'HEAD'].includes(method)) {
      body = d.rawBody ?? JSON.stringify(d.body) ?? ''
      d.headers['content-type'] ??= 'application/json'
    }
    const headers = Object.fromEntries(Object.entries(d.headers).map(([k, v]) => [k, latin1(v)]))
    return { operation, mutation: d.mutation, method, url: fillPath(op.path, d.path, d.rawPath) + search, headers, body }
  })
}
