import type { Transaction } from 'kysely'
import type { Database } from '../src/db/database'
import type { DemoAccount } from './accounts'
import type { DemoMerchant } from './generate'
import { demoUuid, Random } from './random'

const DAY = 86_400_000
// Same fixed moment as the demo reviews, so every run writes the same rows.
const ANCHOR = Date.UTC(2026, 10, 20, 12)

const NEWS = [
  'New seasonal menu starts this week — come and try it!',
  'We are open late this Friday. See you there!',
  'Thank you to all our regulars: 10% off at the counter this weekend.',
  '本周新品上市，欢迎到店品尝！',
  '周末营业时间延长至晚上十点。',
  'Fresh stock just arrived this morning.',
]

/**
 * Fans on the demo storefronts: each demo diner follows a few, alice follows bob's shops and a
 * handful nearby, and those storefronts have a few news posts. Only for storefronts inserted in
 * this run (`fresh`), so repeating the seed adds nothing. Small on purpose (embedded first start).
 */
export async function seedFans(
  trx: Transaction<Database>,
  input: { fresh: readonly DemoMerchant[]; diners: readonly DemoAccount[]; aliceId: string; ownerId: (m: DemoMerchant) => string },
): Promise<{ follows: number; posts: number }> {
  const active = input.fresh.filter((m) => m.status === 'active')
  const featured = [...active.filter((m) => m.owner === 'bob'), ...active.filter((m) => m.owner !== 'bob').slice(0, 40)]
  if (featured.length === 0) return { follows: 0, posts: 0 }
  const rng = new Random(12)
  const follows: Array<{ user_id: string; merchant_id: string; created_at: Date }> = []
  const seen = new Set<string>()
  const follow = (userId: string, m: DemoMerchant, daysAgo: number) => {
    if (seen.has(`${userId}/${m.id}`)) return
    seen.add(`${userId}/${m.id}`)
    follows.push({ user_id: userId, merchant_id: m.id, created_at: new Date(ANCHOR - daysAgo * DAY - rng.int(0, 20) * 3_600_000) })
  }
  for (const m of featured.slice(0, 8)) follow(input.aliceId, m, rng.int(1, 30))
  for (const diner of input.diners) for (let i = 0; i < 6; i++) follow(diner.id, rng.pick(featured), rng.int(0, 45))
  await trx.insertInto('follows').values(follows).onConflict((oc) => oc.doNothing()).execute()

  const posts = featured.flatMap((m, i) =>
    Array.from({ length: 1 + (i % 3) }, (_, n) => ({
      id: demoUuid(`post/${m.id}/${n}`),
      merchant_id: m.id,
      author_id: input.ownerId(m),
      text: NEWS[(i + n) % NEWS.length] as string,
      created_at: new Date(ANCHOR - (n * 7 + (i % 5)) * DAY - i * 600_000),
    })),
  )
  await trx.insertInto('merchant_posts').values(posts).onConflict((oc) => oc.column('id').doNothing()).execute()
  return { follows: follows.length, posts: posts.length }
}
