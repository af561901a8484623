import type { Kysely } from 'kysely'
import { verifyPassword } from '../src/auth/password'
import type { Config } from '../src/config'
import type { Database, DatabaseKind } from '../src/db/database'
import { DEMO_PASSWORD } from './accounts'

/** What the server does with the demo data at start: nothing, seed an empty database, or seed regardless. */
export type DemoSeedPlan = 'none' | 'if-empty' | 'always'

/**
 * Decides whether the server seeds the demo data (public accounts, one shared password). `auto`
 * seeds an empty embedded database, except under NODE_ENV=production: there only an explicit
 * SEED_DEMO=always brings demo accounts in.
 * @example demoSeedPlan({ SEED_DEMO: 'auto', NODE_ENV: 'production' }, 'pglite') // 'none'
 */
export function demoSeedPlan(config: Pick<Config, 'SEED_DEMO' | 'NODE_ENV'>, dbKind: DatabaseKind): DemoSeedPlan {
  if (config.SEED_DEMO === 'always') return 'always'
  if (config.SEED_DEMO === 'never' || config.NODE_ENV === 'production') return 'none'
  return dbKind === 'pglite' ? 'if-empty' : 'none'
}

/** Demo accounts (…@demo.o2o) that still sign in with the public demo password, by email. */
export async function findPublicDemoAccounts(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select(['email', 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['email']), 'like', '%@demo.o2o'))
    .orderBy('email')
    .execute()
  // The seed gives every demo account one hash, so this is usually a single PBKDF2 run.
  const publicByHash = new Map<string, boolean>()
  const found: string[] = []
  for (const row of rows) {
    let isPublic = publicByHash.get(row.password_hash)
    if (isPublic === undefined) {
      isPublic = await verifyPassword(DEMO_PASSWORD, row.password_hash)
      publicByHash.set(row.password_hash, isPublic)
    }
    if (isPublic) found.push(row.email)
  }
  return found
}

/** The start-up warning for demo accounts found by findPublicDemoAccounts; undefined when there are none. */
export function demoAccountsWarning(emails: string[], production: boolean): string | undefined {
  if (emails.length === 0) return undefined
  const shown = emails.length > 3 ? `${emails.slice(0, 3).join(', ')} and ${emails.length - 3} more` : emails.join(', ')
  const bar = '!'.repeat(78)
  return [
    bar,
    `WARNING: ${emails.length} demo account(s) in this database sign in with the public password`,
    `"${DEMO_PASSWORD}" (${shown}); anyone who has read the README can use them.`,
    production
      ? 'This server runs with NODE_ENV=production: delete these accounts or change their passwords now.'
      : 'Fine for a demo; delete them or change their passwords before this server is reachable by others.',
    bar,
  ].join('\n')
}
