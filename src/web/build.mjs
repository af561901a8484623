// Bundles the web app (consumer map at /, merchant console at /merchant) into src/web/dist:
// content-hashed JS/CSS under dist/assets and the HTML pages with those names filled in.
// Run by `npm start` (prestart) and by the browser tests; takes well under a second.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'

const here = dirname(fileURLToPath(import.meta.url))
const out = join(here, 'dist')
const entries = {
  consumer: join(here, 'client/consumer.ts'),
  merchant: join(here, 'client/merchant/main.ts'),
}

/** Builds every page; returns the output directory. */
export async function buildWeb({ quiet = false } = {}) {
  const started = performance.now()
  const result = await esbuild.build({
    entryPoints: entries,
    bundle: true,
    format: 'esm',
    splitting: true,
    target: ['es2022'],
    minify: true,
    sourcemap: 'linked',
    outdir: join(out, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    loader: { '.png': 'file', '.svg': 'file' },
    metafile: true,
    logLevel: 'silent',
  })
  const names = {}
  for (const [file, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue
    const entry = Object.keys(entries).find((k) => entries[k] === resolve(meta.entryPoint))
    if (!entry) continue
    names[`${entry}.js`] = `/assets/${basename(file)}`
    if (meta.cssBundle) names[`${entry}.css`] = `/assets/${basename(meta.cssBundle)}`
  }
  for (const page of ['index', 'merchant']) {
    const html = await readFile(join(here, 'pages', `${page}.html`), 'utf8')
    const filled = html.replace(/\{\{([\w.]+)\}\}/g, (_, key) => {
      if (!names[key]) throw new Error(`${page}.html refers to unknown asset ${key}`)
      return names[key]
    })
    await mkdir(out, { recursive: true })
    await writeFile(join(out, `${page}.html`), filled)
  }
  // Hashed names never collide, so a build running alongside a server only removes files the
  // new pages no longer use (identical inputs give identical names).
  const keep = new Set(Object.keys(result.metafile.outputs).map((f) => basename(f)))
  for (const file of await readdir(join(out, 'assets'))) if (!keep.has(file)) await rm(join(out, 'assets', file), { force: true })
  if (!quiet) console.log(`[o2o] web app built in ${(performance.now() - started).toFixed(0)}ms → ${relative(process.cwd(), out)}`)
  return out
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb().catch((err) => {
    console.error(`[o2o] web build failed: ${err.message}`)
    process.exit(1)
  })
}
