import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { postgis } from '@electric-sql/pglite-postgis'
import { Kysely, PGliteDialect } from 'kysely'
import type { DatabaseHandle } from './client'
import type { Database } from './database'

const INT8_OID = 20

/**
 * Opens the embedded PGlite database with PostGIS, persisted in `dataDir` (in memory when
 * undefined). Loading PostGIS takes seconds, so progress is logged through `log`.
 */
export async function openPglite(
  dataDir: string | undefined,
  log: (message: string) => void = () => {},
): Promise<DatabaseHandle> {
  const started = Date.now()
  log(`opening embedded database${dataDir ? ` in ${dataDir}` : ' in memory'} (loading PostGIS, first start takes ~10 s)…`)
  const pglite = await PGlite.create(dataDir ? `file://${dataDir}` : 'memory://', {
    extensions: { postgis, pg_trgm, btree_gist },
    parsers: { [INT8_OID]: (v: string) => Number(v) },
  })
  log(`embedded database ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    },
    // NOTIFY in PGlite reaches listeners of the same instance, which is every user of this data dir.
    listen: async (channel, onPayload) => {
      const unsubscribe = await pglite.listen(channel, onPayload)
      return async () => {
        if (!pglite.closed) await unsubscribe()
      }
    },
  }
}
