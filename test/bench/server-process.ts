import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/** Starts the API (src/server.ts) in its own process over `databaseUrl`; resolves once /health answers. */
export async function startApiServer(databaseUrl: string, jwtSecret: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort()
  // One benchmark client places every order: lift its write limit (the count is still kept).
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret, PORT: String(port), SEED_DEMO: 'never', LOG_REQUESTS: 'false', RATE_LIMIT_WRITE_MAX: '100000000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API server exited with code ${child.exitCode}`)
    try {
      if ((await fetch(`${url}/health`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('API server did not answer /health within 60 s')
    await new Promise((r) => setTimeout(r, 200))
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  return { url, stop }
}
