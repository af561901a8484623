import { chmod, lstat, mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Readies the embedded database's folder for this user alone: creates it 0700, takes group and
 * other access off it and everything already inside (a folder made by an older version was 0755
 * with 0644 files: password hashes, orders), and sets the process umask to 077 so files created
 * from now on (PGlite's new segments, `jwt-secret`) are private too. Node only.
 * @example await prepareDataDir(config.DATA_DIR)
 */
export async function prepareDataDir(dir: string): Promise<void> {
  process.umask(0o077)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await restrict(dir)
}

async function restrict(path: string): Promise<void> {
  const stat = await lstat(path)
  if (stat.isSymbolicLink()) return
  if ((stat.mode & 0o077) !== 0) await chmod(path, stat.mode & 0o700)
  if (stat.isDirectory()) {
    for (const entry of await readdir(path)) await restrict(join(path, entry))
  }
}
