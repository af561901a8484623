import type { OpeningShift } from '../src/merchants/merchant.table'
import type { DemoMerchant } from './generate'
import { demoUuid } from './random'

/** The password of every demo account (documented in the README). */
export const DEMO_PASSWORD = 'demo-password-1'

export interface DemoAccount {
  id: string
  email: string
  name: string
  role: 'consumer' | 'merchant'
}

/** Alice shops, Bob runs three storefronts in Hangzhou; the ownerNN accounts own everything else. */
export function demoAccounts(ownerCount: number): { alice: DemoAccount; bob: DemoAccount; owners: DemoAccount[] } {
  const account = (key: string, email: string, name: string, role: DemoAccount['role']): DemoAccount => ({ id: demoUuid(`user/${key}`), email, name, role })
  return {
    alice: account('alice', 'alice@demo.o2o', 'Alice Chen', 'consumer'),
    bob: account('bob', 'bob@demo.o2o', 'Bob Wang', 'merchant'),
    owners: Array.from({ length: ownerCount }, (_, i) => {
      const nn = String(i + 1).padStart(2, '0')
      return account(`owner/${i}`, `owner${nn}@demo.o2o`, `Demo Merchant ${nn}`, 'merchant')
    }),
  }
}

const week = (open: string, close: string, closed: number[] = []): OpeningShift[] =>
  [0, 1, 2, 3, 4, 5, 6].filter((d) => !closed.includes(d)).map((day) => ({ day, open, close }))

type BobOffering = [name: string, kind: 'service' | 'product' | 'voucher', priceCents: number, durationMin: number | null, capacity: number]

function bobStorefront(
  key: string,
  fields: Pick<DemoMerchant, 'name' | 'description' | 'category' | 'tags' | 'lat' | 'lng' | 'address' | 'hours' | 'service_radius_m' | 'status' | 'reputation'>,
  offerings: BobOffering[],
): DemoMerchant {
  return {
    id: demoUuid(`merchant/bob/${key}`),
    owner: 'bob',
    city: 'Hangzhou',
    phone: '0571-87000123',
    timezone: 'Asia/Shanghai',
    currency: 'CNY',
    ...fields,
    offerings: offerings.map(([name, kind, price_cents, duration_min, capacity], j) => ({
      id: demoUuid(`offering/bob/${key}/${j}`),
      name, kind, price_cents, currency: 'CNY', duration_min, capacity,
    })),
  }
}

/** Bob's storefronts by West Lake: a café, a barber taking bookings, and an unpublished laundry. */
export function bobStorefronts(): DemoMerchant[] {
  return [
    bobStorefront('coffee', {
      name: '鲍勃咖啡 Bob\'s Coffee（湖滨店）', description: '湖滨步行街旁的小咖啡馆，手冲与拿铁都认真做。', category: 'coffee',
      tags: ['wifi', 'takeaway', 'oat-milk'], lat: 30.2588, lng: 120.1672, address: '杭州市平海路58号',
      hours: week('08:00', '20:00', [1]), service_radius_m: null, status: 'active', reputation: { quality: 4.7, reviews: 8 },
    }, [['拿铁', 'product', 3200, null, 1], ['美式咖啡', 'product', 2600, null, 1], ['可颂', 'product', 1800, null, 1], ['咖啡品鉴课', 'service', 16800, 90, 6]]),
    bobStorefront('barber', {
      name: 'Bob 理发工作室 Bob\'s Barber Studio', description: '预约制理发工作室，资深发型师一对一服务。', category: 'hair',
      tags: ['appointments', 'mens-cuts', 'colour'], lat: 30.2605, lng: 120.17, address: '杭州市东坡路12号',
      hours: week('10:00', '21:00', [2]), service_radius_m: null, status: 'active', reputation: { quality: 4.85, reviews: 6 },
    }, [['洗剪吹', 'service', 12800, 45, 1], ['男士快剪', 'service', 3800, 20, 2], ['染发', 'service', 39800, 120, 1], ['剪发次卡', 'voucher', 49800, null, 1]]),
    bobStorefront('laundry', {
      name: 'Bob 洗衣 Bob\'s Wash & Fold', description: '上门取送的洗衣店，次日送回。', category: 'laundry',
      tags: ['pickup', 'delivery', 'same-day'], lat: 30.262, lng: 120.165, address: '杭州市庆春路88号',
      hours: week('08:00', '20:00'), service_radius_m: 5000, status: 'draft', reputation: null,
    }, [['洗衣一袋', 'product', 4900, null, 1], ['上门取衣', 'service', 1500, 30, 4]]),
  ]
}
