import type { Kysely } from 'kysely'
import sharp from 'sharp'
import type { Database } from '../src/db/database'
import { MAX_STOREFRONT_PHOTOS } from '../src/merchants/merchants.schemas'
import { THUMBNAIL_SIDE_PX } from '../src/uploads/image-processor'
import { type MediaStorage, newMediaKeys } from '../src/uploads/storage'
import { demoAccounts } from './accounts'
import { Random } from './random'

/** Colours per category for the generated pictures; others get the default pair. */
const PALETTE: Record<string, [string, string]> = {
  coffee: ['#6f4e37', '#d8b48a'],
  food: ['#c0392b', '#f5b041'],
  hair: ['#34495e', '#a3c4dc'],
  massage: ['#7d3c98', '#f5cba7'],
  laundry: ['#2e86c1', '#d6eaf8'],
  repair: ['#566573', '#f7dc6f'],
  pet: ['#239b56', '#f9e79f'],
}

/** A simple abstract "photo" (gradient, sun, shapes) drawn as SVG: no fonts, no network, a few ms each. */
function pictureSvg(rng: Random, category: string, width: number, height: number): string {
  const [dark, light] = PALETTE[category] ?? ['#455a64', '#cfd8dc']
  const shapes = Array.from({ length: 6 }, () => {
    const x = rng.int(0, width)
    const y = rng.int(height / 2, height)
    const r = rng.int(30, 140)
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="${rng.next() < 0.5 ? dark : '#ffffff'}" opacity="${(0.25 + rng.next() * 0.5).toFixed(2)}"/>`
  }).join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${dark}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${rng.int(80, width - 80)}" cy="${rng.int(60, 160)}" r="48" fill="#fff8e1" opacity="0.85"/>
    ${shapes}
    <rect x="0" y="${height - 90}" width="${width}" height="90" fill="${dark}" opacity="0.55"/>
  </svg>`
}

interface Picture {
  main: Buffer
  thumbnail: Buffer
  width: number
  height: number
}

async function renderPicture(svg: string): Promise<Picture> {
  const main = await sharp(Buffer.from(svg)).jpeg({ quality: 80, progressive: true }).toBuffer({ resolveWithObject: true })
  const thumbnail = await sharp(main.data).resize(THUMBNAIL_SIDE_PX, THUMBNAIL_SIDE_PX, { fit: 'inside' }).jpeg({ quality: 80 }).toBuffer()
  return { main: main.data, thumbnail, width: main.info.width, height: main.info.height }
}

/** Stores a picture under fresh keys (each upload owns its files, as real uploads do). */
async function storePicture(storage: MediaStorage, picture: Picture) {
  const { key, thumbnailKey } = newMediaKeys('image/jpeg')
  await storage.put(key, picture.main, 'image/jpeg')
  await storage.put(thumbnailKey, picture.thumbnail, 'image/jpeg')
  return { key, thumbnailKey, width: picture.width, height: picture.height, bytes: picture.main.length }
}

/**
 * Gives demo storefronts photos: bob's storefronts three each, and `sample` other active ones a
 * cover. Storefronts that already have a cover are left alone, so it can run after every seed.
 */
export async function seedDemoPhotos(db: Kysely<Database>, storage: MediaStorage, options: { sample?: number; log?: (m: string) => void } = {}): Promise<number> {
  const started = Date.now()
  const BOB_EMAIL = demoAccounts(0).bob.email
  const bob = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', BOB_EMAIL))
    .executeTakeFirst()
  const bobId = bob?.id ?? '00000000-0000-0000-0000-000000000000'
  const base = () => db.selectFrom('merchants').select(['id', 'owner_id', 'category', 'cover_key']).orderBy('id')
  // The same storefronts every run (bob's, then the first `sample` others by id); those with a cover are skipped.
  const chosen = [
    ...(await base().where('owner_id', '=', bobId).execute()).map((m) => ({ ...m, is_bob: true })),
    ...(await base().where('owner_id', '!=', bobId).where('status', '=', 'active').limit(options.sample ?? 60).execute()).map((m) => ({ ...m, is_bob: false })),
  ]
  const targets = chosen.filter((m) => m.cover_key === null)
  const rng = new Random(20_261_128)
  // A few pictures per category, rendered once and stored again for each storefront: rendering is
  // the slow part (tens of ms each), and the first start should stay quick.
  const rendered = new Map<string, Promise<Picture>[]>()
  const pictureFor = (category: string, variant: number) => {
    const variants = rendered.get(category) ?? []
    rendered.set(category, variants)
    variants[variant] ??= renderPicture(pictureSvg(rng, category, 800, 600))
    return variants[variant]!
  }
  let photos = 0
  for (const m of targets) {
    const count = Math.min(m.is_bob ? 3 : 1, MAX_STOREFRONT_PHOTOS)
    const pictures = await Promise.all(
      Array.from({ length: count }, async (_, i) => storePicture(storage, await pictureFor(m.category, m.is_bob ? i : rng.int(0, 2)))),
    )
    await db.transaction().execute(async (trx) => {
      const uploads = await trx
        .insertInto('uploads')
        .values(pictures.map((p) => ({ owner_id: m.owner_id, content_type: 'image/jpeg' as const, storage_key: p.key, thumbnail_key: p.thumbnailKey, width: p.width, height: p.height, byte_size: p.bytes, attached_at: new Date() })))
        .returning(['id', 'storage_key'])
        .execute()
      await trx.insertInto('merchant_photos').values(uploads.map((u, position) => ({ merchant_id: m.id, upload_id: u.id, position }))).execute()
      await trx.updateTable('merchants').set({ cover_key: uploads[0]!.storage_key }).where('id', '=', m.id).execute()
    })
    photos += count
  }
  options.log?.(`demo photos: ${photos} pictures for ${targets.length} storefronts in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return targets.length
}
