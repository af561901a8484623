import type { DemoAccount } from './accounts'
import type { DemoMerchant } from './generate'
import { demoUuid, Random } from './random'

/** Demo diners: they place the demo orders and write the demo reviews (sign-in works, emails are never shown). */
export const DEMO_DINER_NAMES = [
  '林晓雨', '王磊', '陈思琪', '张伟', '刘洋', '赵敏', '孙浩然', '周婷', '吴俊杰', '郑可欣', '小鹿', '阿杰', '吃货小美', '杭州老饕',
  'Emma W.', 'Liam O.', 'Sophia R.', 'Noah K.', 'Olivia B.', 'James T.', 'Ava M.', 'Lucas P.', 'Mia S.', 'Ethan H.',
  'Isabella C.', 'Mason D.', 'Charlotte F.', 'Harry G.', 'Amelia J.', 'Oliver N.', 'Priya S.', 'Kenji T.', 'Fatima A.', 'Diego L.',
]

/** The demo diner accounts (diner01…diner34@demo.o2o). */
export function demoDiners(): DemoAccount[] {
  return DEMO_DINER_NAMES.map((name, i) => {
    const nn = String(i + 1).padStart(2, '0')
    return { id: demoUuid(`user/diner/${i}`), email: `diner${nn}@demo.o2o`, name, role: 'consumer' }
  })
}

const TEXTS = {
  zh: {
    high: ['环境很好，服务也很贴心，下次还来。', '性价比很高，{item}特别推荐！', '店员很热情，出品稳定，五星好评。', '朋友推荐来的，果然没让人失望。', '{item}做得很用心，值得专程过来。'],
    mid: ['整体还可以，{item}中规中矩。', '位置方便，就是高峰期要等一会儿。', '味道/服务都还行，价格略贵。', '还不错，但没有想象中惊艳。'],
    low: ['等了很久，体验一般。', '{item}和图片差距有点大，有点失望。', '服务态度需要改进。'],
    reply: ['感谢您的光临和好评，期待再次为您服务！', '谢谢您的反馈，我们会继续努力。', '非常抱歉给您带来不好的体验，我们已经在改进，欢迎再来。'],
  },
  en: {
    high: ['Lovely place and friendly staff, will be back.', 'Great value, the {item} is a must.', 'Quick, friendly and exactly as described. Five stars.', 'A friend recommended it and it did not disappoint.', 'The {item} was excellent, worth the trip.'],
    mid: ['Decent overall, the {item} was fine.', 'Handy location, a bit of a wait at peak times.', 'Good but a little pricey for what you get.', 'Nice enough, not quite as good as the photos.'],
    low: ['Long wait and a so-so experience.', 'The {item} was disappointing this time.', 'Staff seemed rushed and unfriendly.'],
    reply: ['Thanks so much for visiting, see you again soon!', 'Thank you for the feedback, we appreciate it.', 'Sorry to hear that; we are working on it and hope you give us another try.'],
  },
}

/** One demo visit: a completed cash order for one offering, and the review written after it. */
export interface DemoReview {
  orderId: string
  reviewId: string
  merchantId: string
  dinerId: string
  offering: DemoMerchant['offerings'][number]
  quantity: number
  visitedAt: Date
  createdAt: Date
  rating: number
  text: string
  reply: { text: string; at: Date } | null
}

// Demo visits happen in the 300 days before this fixed moment, so every run writes the same rows.
const ANCHOR = Date.UTC(2026, 10, 20, 12)
const HOUR = 3_600_000

/**
 * Reviews for a storefront, deterministic from its id: how many follows its reputation (a few
 * for most, more for chains), stars scatter around its quality, and the owner answers some.
 */
export function demoReviewsFor(m: DemoMerchant, diners: readonly DemoAccount[]): DemoReview[] {
  if (!m.reputation || m.status !== 'active') return []
  const rng = new Random(Number.parseInt(m.id.slice(0, 8), 16))
  const zh = m.timezone === 'Asia/Shanghai'
  const texts = zh ? TEXTS.zh : TEXTS.en
  const writers = rng.sample(diners, Math.min(m.reputation.reviews, diners.length))
  return writers.map((diner, i) => {
    const offering = rng.pick(m.offerings)
    const rating = Math.max(1, Math.min(5, Math.round(m.reputation!.quality + rng.gauss() * 0.8)))
    const pool = rating >= 4 ? texts.high : rating === 3 ? texts.mid : texts.low
    const visitedAt = new Date(ANCHOR - rng.int(1, 300 * 24) * HOUR)
    const createdAt = new Date(visitedAt.getTime() + rng.int(1, 48) * HOUR)
    const replied = rng.chance(rating <= 2 ? 0.7 : 0.3)
    const replyText = rating <= 2 ? texts.reply[2]! : rng.pick(texts.reply.slice(0, 2))
    return {
      orderId: demoUuid(`order/${m.id}/${i}`),
      reviewId: demoUuid(`review/${m.id}/${i}`),
      merchantId: m.id,
      dinerId: diner.id,
      offering,
      quantity: offering.kind === 'service' ? 1 : rng.int(1, 3),
      visitedAt,
      createdAt,
      rating,
      text: rng.chance(0.1) ? '' : rng.pick(pool).replace('{item}', offering.name),
      reply: replied ? { text: replyText, at: new Date(createdAt.getTime() + rng.int(2, 72) * HOUR) } : null,
    }
  })
}
