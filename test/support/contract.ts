import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

// biome-ignore lint: plain JSON
type Json = any

/** Answers the app gives without an operation in the document: routing and transport conventions. */
const UNDOCUMENTED_OK = new Set([308, 404, 405])

interface Operation {
  method: string
  pattern: RegExp
  path: string
  responses: Record<string, Json>
}

/**
 * Checks every response the test suite receives against the app's own OpenAPI document: the status
 * must be documented for the operation, and a JSON body must match its schema exactly (no
 * undocumented fields: objects are closed unless the document says otherwise).
 */
export class ContractChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true })
  private readonly operations: Operation[] = []
  private readonly validators = new Map<string, ValidateFunction>()
  private readonly components: Record<string, Json>

  constructor(doc: Json) {
    addFormats.default(this.ajv)
    this.components = doc.components?.schemas ?? {}
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, '[^/]+')
      for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
        if (item[method]) this.operations.push({ method, path, pattern: new RegExp(`^${source}$`), responses: item[method].responses })
      }
    }
    const closed = Object.fromEntries(Object.entries(this.components).map(([name, schema]) => [name, this.close(schema)]))
    this.ajv.addSchema({ $id: 'doc', components: { schemas: closed } })
  }

  /** Throws when `res` (already read as `text`) is not what the document promises for `method path`. */
  check(method: string, url: string, status: number, contentType: string | null, text: string): void {
    const path = new URL(url, 'http://test').pathname
    const verb = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase()
    if (verb === 'options') return
    const sameHref = this.operations.filter((o) => o.pattern.test(path))
    const op = sameHref.find((o) => o.method === verb)
    if (!op) {
      if (!path.startsWith('/v1/') || UNDOCUMENTED_OK.has(status)) return
      throw new Error(`contract: ${method} ${path} answered ${status} but the document has no such operation`)
    }
    const entry = op.responses[String(status)] ?? op.responses.default
    if (!entry) throw new Error(`contract: ${method} ${op.path} answered ${status}, not documented (documented: ${Object.keys(op.responses).join(', ')})`)
    if (status === 204 || status === 304 || method.toUpperCase() === 'HEAD') return
    const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
    const content = entry.content as Record<string, Json> | undefined
    if (!content) {
      if (text) throw new Error(`contract: ${method} ${op.path} ${status} has a body but the document describes none`)
      return
    }
    const media = content[type]
    if (!media) throw new Error(`contract: ${method} ${op.path} ${status} sent ${type || 'no type'}; documented: ${Object.keys(content).join(', ')}`)
    if (!type.endsWith('json') || !media.schema) return
    const key = `${op.method} ${op.path} ${status} ${type}`
    let validate = this.validators.get(key)
    if (!validate) {
      validate = this.ajv.compile(this.close(media.schema))
      this.validators.set(key, validate)
    }
    const body = JSON.parse(text)
    if (!validate(body)) {
      const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(root)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`)
      throw new Error(`contract: ${method} ${op.path} ${status} body does not match the document: ${errors.join('; ')}`)
    }
  }

  // Objects without an explicit additionalProperties are closed; allOf of objects is merged first
  // so the closed parts do not refuse each other's fields.
  private close(schema: Json): Json {
    if (Array.isArray(schema)) return schema.map((s) => this.close(s))
    if (!schema || typeof schema !== 'object') return schema
    if (schema.allOf && schema.allOf.every((s: Json) => this.deref(s).type === 'object')) {
      const parts = schema.allOf.map((s: Json) => this.deref(s))
      const { allOf: _, ...rest } = schema
      return this.close({
        ...rest,
        type: 'object',
        properties: Object.assign({}, ...parts.map((p: Json) => p.properties ?? {})),
        required: parts.flatMap((p: Json) => p.required ?? []),
      })
    }
    const out: Json = {}
    for (const [k, v] of Object.entries(schema)) {
      if (k === '$ref' && typeof v === 'string') {
        out[k] = v.replace(/^#/, 'doc#')
        continue
      }
      out[k] = k === 'properties' ? Object.fromEntries(Object.entries<Json>(v as Json).map(([n, s]) => [n, this.close(s)])) : this.close(v)
    }
    if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false
    return out
  }

  private deref(s: Json): Json {
    const name = typeof s?.$ref === 'string' ? s.$ref.replace('#/components/schemas/', '') : undefined
    return name ? this.deref(this.components[name]) : s
  }
}
