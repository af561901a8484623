import { RateLimitedError } from '../errors'

/**
 * A counting semaphore for password hashing. PBKDF2 runs on libuv's thread pool (4 threads shared
 * with file, DNS and other crypto work) and takes a core for ~0.3 s; unbounded, a handful of
 * concurrent sign-ins starves every other request. Past `maxQueued` waiting hashes the caller is
 * refused at once (429, retry in a second or two) instead of piling up.
 */
export class HashGate {
  private running = 0
  private readonly waiting: Array<() => void> = []

  constructor(
    private maxConcurrent: number,
    private maxQueued: number,
  ) {}

  /** Changes the limits (at start, from config); work already admitted is not affected. */
  configure(maxConcurrent: number, maxQueued: number): void {
    this.maxConcurrent = Math.max(1, maxConcurrent)
    this.maxQueued = Math.max(0, maxQueued)
    while (this.running < this.maxConcurrent && this.waiting.length) this.admitNext()
  }

  /** Runs `work` when a slot is free; RateLimitedError when too many are already waiting. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxConcurrent) {
      if (this.waiting.length >= this.maxQueued) {
        throw new RateLimitedError('sign-in is busy right now; try again in a moment', 'server_busy', 2)
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.running++
    }
    try {
      return await work()
    } finally {
      this.release()
    }
  }

  /** Hashes running and waiting now (for tests and diagnostics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length }
  }

  private admitNext(): void {
    const next = this.waiting.shift()
    if (!next) return
    this.running++
    next()
  }

  private release(): void {
    this.running--
    if (this.running < this.maxConcurrent) this.admitNext()
  }
}

function defaultConcurrency(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2
  return Math.max(1, Math.floor(cores / 2))
}

/** The process-wide gate every password hash and check goes through (the thread pool is process-wide too). */
export const passwordHashGate = new HashGate(defaultConcurrency(), 32)
