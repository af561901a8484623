import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** A free TCP port on 127.0.0.1 (free when asked; the caller binds it soon after). */
export async function freePort(): Promise<number> {
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

export interface ServerProcess {
  url: string
  port: number
  child: ChildProcess
  /** Everything the process wrote so far (stdout and stderr interleaved). */
  output(): string
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<number | null>
  /** SIGTERM, then waits for the exit; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<number | null>
}

/**
 * Starts the real API (src/server.ts) in its own process and resolves once /health answers, so a
 * crash shows up as a process exit. `env` is added to this process's environment; `root` serves
 * another checkout's src/server.ts (the benchmark's before/after comparisons on the same data).
 * @example const api = await startServerProcess({ DATABASE_URL: url, JWT_SECRET: secret })
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { echo?: 'all' | 'stderr' | 'none'; root?: string } = {},
): Promise<ServerProcess> {
  const echo = options.echo ?? 'all'
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: options.root ?? ROOT,
    env: { ...process.env, SEED_DEMO: 'never', LOG_REQUESTS: 'false', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (shown: boolean) => (chunk: Buffer) => {
    output += chunk.toString()
    if (shown) process.stderr.write(chunk)
  }
  child.stdout?.on('data', collect(echo === 'all'))
  child.stderr?.on('data', collect(echo !== 'none'))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API server exited with code ${child.exitCode}:\n${output}`)
    try {
      if ((await fetch(`${url}/health`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`API server did not answer /health within 90 s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  const stop = async (graceMs = 30_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      const code = await exited
      clearTimeout(timer)
      return code
    }
    return exited
  }
  return { url, port, child, output: () => output, exited, stop }
}
