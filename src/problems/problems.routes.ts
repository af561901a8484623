import { Hono } from 'hono'
import type { AppEnv } from '../context'
import { NotFoundError } from '../errors'
import { titleOf } from '../http/problem'
import { escapeHtml } from '../share/html'
import { explain } from './catalog'

const CODE = /^[a-z][a-z0-9_]{0,63}$/

/**
 * GET /problems/<code>: what a problem document's `type` points at — a small page (HTML, or JSON
 * when asked) saying what the error means and what to do.
 */
export const problemsRoutes = new Hono<AppEnv>().get('/problems/:code', (c) => {
  const code = c.req.param('code')
  const entry = CODE.test(code) ? explain(code) : undefined
  if (!entry) throw new NotFoundError(`no problem type ${code}`, 'problem_type_not_found')
  const title = titleOf(code)
  c.header('Cache-Control', 'public, max-age=86400')
  c.header('Vary', 'Accept')
  if ((c.req.header('Accept') ?? '').includes('json')) return c.json({ code, title, status: entry.status ?? null, means: entry.means, what_to_do: entry.todo })
  return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — O2O API problem</title></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
<p>${entry.status ? `HTTP ${entry.status} · ` : ''}code <code>${escapeHtml(code)}</code></p>
<h2>What it means</h2><p>${escapeHtml(entry.means)}</p>
<h2>What to do</h2><p>${escapeHtml(entry.todo)}</p>
<p>The problem document's <code>instance</code> names the request; quote it when asking for help. <a href="/docs">API reference</a></p>
</main></body></html>
`)
})
