import type { Context, Hono } from 'hono'
import { problem, sendProblem } from './problem'

function pathPattern(path: string): RegExp {
  // A '/' inside a param's {regex} (e.g. :y{[^/]+\.mvt}) does not separate segments.
  const source = path
    .split(/\/(?![^{]*\})/)
    .map((seg) => {
      if (seg === '*') return '.*'
      const param = /^:\w+(?:\{(.+)\})?(\?)?$/.exec(seg)
      if (param) return param[1] ? `(?:${param[1]})` : '[^/]+'
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  return new RegExp(`^${source}$`)
}

/**
 * The not-found handler: 405 with `Allow` when the path exists under other methods, else 404.
 * Hono's router only knows "no match", so the distinction is made here from the route table.
 */
export function notFoundHandler(app: Hono<any, any, any>) {
  let table: Array<{ method: string; pattern: RegExp }> | undefined
  return (c: Context) => {
    table ??= app.routes
      .filter((r) => r.method !== 'ALL' && !r.path.endsWith('*'))
      .map((r) => ({ method: r.method, pattern: pathPattern(r.path) }))
    const allowed = [...new Set(table.filter((r) => r.pattern.test(c.req.path)).map((r) => r.method))]
    if (allowed.length > 0) {
      if (allowed.includes('GET')) allowed.push('HEAD')
      return sendProblem(c, problem(405, 'method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(', ')}`), {
        Allow: allowed.join(', '),
      })
    }
    return sendProblem(c, problem(404, 'route_not_found', `no route for ${c.req.method} ${c.req.path}`))
  }
}
