/** A JSON Schema as the OpenAPI 3.1 document spells it (only the parts the fuzzer reads). */
export interface Schema {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  enum?: unknown[]
  example?: unknown
  format?: string
  pattern?: string
  minimum?: number
  maximum?: number
  minLength?: number
  minItems?: number
  anyOf?: Schema[]
  oneOf?: Schema[]
}

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header'
  required: boolean
  schema: Schema
}

/** One operation of the document, with everything the fuzzer varies. */
export interface Operation {
  method: string
  /** OpenAPI path template, e.g. /v1/merchants/{id} */
  path: string
  secured: boolean
  parameters: Parameter[]
  body?: Schema
  /** Statuses the document promises, e.g. ['200', '422', '501']. */
  statuses: string[]
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, { security?: unknown[]; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses?: Record<string, unknown> }>
  >
  components?: { schemas?: Record<string, Schema> }
}

/** Every operation in the document, in document order. */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        secured: (op.security?.length ?? 0) > 0,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
        statuses: Object.keys(op.responses ?? {}),
      })
    }
  }
  return ops
}

/** Follows `$ref`s into the document's components. */
export function resolver(doc: OpenApiDoc): (schema: Schema) => Schema {
  const resolve = (schema: Schema): Schema => {
    if (!schema.$ref) return schema
    const name = schema.$ref.replace('#/components/schemas/', '')
    return resolve(doc.components?.schemas?.[name] ?? {})
  }
  return resolve
}

/** Real rows the requests point at, so ids and tokens get past 401 and 404 to the rules behind them. */
export interface FuzzWorld {
  merchantId: string
  offeringId: string
  serviceId: string
  orderId: string
  today: string
}

function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type
  if (schema.type) return [schema.type]
  return (schema.anyOf ?? schema.oneOf ?? []).flatMap(typesOf)
}

/**
 * A plausible valid value for `schema` (examples first, then enum, format and type), so that one
 * mutation at a time is what makes the request bad. `name` picks real ids for id-like fields.
 */
export function validValue(schema: Schema, resolve: (s: Schema) => Schema, world: FuzzWorld, name = ''): unknown {
  const s = resolve(schema)
  if (s.example !== undefined) return s.example
  if (s.enum?.length) return s.enum[0]
  if (s.anyOf ?? s.oneOf) {
    const first = (s.anyOf ?? s.oneOf ?? []).find((o) => resolve(o).type !== 'null')
    return first ? validValue(first, resolve, world, name) : null
  }
  const types = typesOf(s).filter((t) => t !== 'null')
  const type = types[0] ?? 'string'
  if (type === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, prop] of Object.entries(s.properties ?? {})) out[key] = validValue(prop, resolve, world, key)
    return out
  }
  if (type === 'array') return s.items ? Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => validValue(s.items as Schema, resolve, world, name)) : []
  if (type === 'integer' || type === 'number') return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 1, 1))
  if (type === 'boolean') return true
  if (s.format === 'uuid') return idFor(name, world)
  if (s.format === 'email') return 'fuzz-__UNIQUE__@example.test'
  if (s.format === 'date-time') return `${world.today}T10:00:00.000Z`
  if (s.pattern?.includes('\\d{4}-')) return world.today
  if (name === 'password') return 'a long enough fuzz password 1'
  return 'x'.repeat(Math.max(1, s.minLength ?? 1))
}

/** The real id an id-like field or path parameter should carry. */
export function idFor(name: string, world: FuzzWorld, path = ''): string {
  if (name === 'offering_id') return world.serviceId
  if (name === 'merchant_id') return world.merchantId
  if (/\/offerings\/\{id\}/.test(path)) return world.offeringId
  if (/\/orders\/\{id\}/.test(path)) return world.orderId
  return world.merchantId
}
