import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { contentTypeOfKey, isMediaKey, type MediaStorage } from './storage'

/**
 * Files under `root` (DATA_DIR/media), spread over 256 sub-folders by the key's first two hex
 * digits. Folders are 0700 and files 0600: only the server reads them. Node only.
 */
export function filesystemStorage(root: string): MediaStorage {
  const pathOf = (key: string) => {
    // Keys come from newMediaKeys(); refuse anything else so no input can reach outside root.
    if (!isMediaKey(key)) throw new Error(`not a media key: ${JSON.stringify(key)}`)
    return { dir: join(root, key.slice(0, 2)), file: join(root, key.slice(0, 2), key) }
  }
  return {
    kind: 'filesystem',
    async put(key, body) {
      const { dir, file } = pathOf(key)
      await mkdir(dir, { recursive: true, mode: 0o700 })
      // Write then rename, so a reader never sees half a file.
      const partial = `${file}.${process.pid}.partial`
      await writeFile(partial, body, { mode: 0o600 })
      await rename(partial, file)
    },
    async get(key) {
      if (!isMediaKey(key)) return undefined
      try {
        const body = await readFile(pathOf(key).file)
        return { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), contentType: contentTypeOfKey(key) }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw err
      }
    },
    async delete(keys) {
      await Promise.all(keys.filter(isMediaKey).map((key) => rm(pathOf(key).file, { force: true })))
    },
    publicUrl: () => null,
  }
}
