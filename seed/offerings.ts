import type { OfferingKind } from '../src/offerings/offering.table'
import type { DemoCity } from './cities'
import type { Random } from './random'

/** [中文名, English name, kind, CNY range, USD range, duration min, capacity] — prices in major units. */
type Template = readonly [string, string, OfferingKind, readonly [number, number], readonly [number, number], number?, number?]

const svc = (zh: string, en: string, cny: [number, number], usd: [number, number], durationMin: number, capacity = 1): Template =>
  [zh, en, 'service', cny, usd, durationMin, capacity]
const item = (zh: string, en: string, cny: [number, number], usd: [number, number], kind: OfferingKind = 'product'): Template =>
  [zh, en, kind, cny, usd]

const TEMPLATES: Record<string, readonly Template[]> = {
  food: [item('招牌套餐', 'House special', [38, 88], [14, 26]), item('午市套餐', 'Lunch set', [25, 45], [12, 18]), item('双人套餐', 'Dinner for two', [128, 268], [45, 90], 'voucher'), item('小吃拼盘', 'Small plates sampler', [28, 58], [10, 18]), item('例汤', 'Soup of the day', [12, 22], [6, 9]), svc('包间预订', 'Private room booking', [100, 300], [50, 150], 120, 10)],
  coffee: [item('拿铁', 'Latte', [26, 38], [4.5, 6.5]), item('美式咖啡', 'Americano', [20, 30], [3.5, 5]), item('手冲单品', 'Single-origin pour-over', [38, 58], [6, 9]), item('可颂', 'Croissant', [15, 25], [3.5, 5]), item('十杯咖啡卡', '10-coffee card', [200, 280], [38, 50], 'voucher'), svc('咖啡品鉴课', 'Coffee cupping class', [128, 198], [35, 55], 90, 8)],
  bakery: [item('法棍', 'Baguette', [12, 22], [3.5, 5.5]), item('生日蛋糕 6寸', '6-inch celebration cake', [168, 298], [35, 60]), item('肉桂卷', 'Cinnamon roll', [16, 26], [4, 6]), item('蛋挞四只装', 'Custard tarts, box of 4', [22, 36], [9, 14]), item('面包储值卡', 'Bakery gift card', [180, 200], [25, 50], 'voucher'), svc('烘焙体验课', 'Baking workshop', [198, 298], [65, 95], 120, 10)],
  bar: [item('精酿生啤', 'Draft craft beer', [38, 58], [8, 11]), item('经典鸡尾酒', 'Classic cocktail', [68, 98], [15, 19]), item('下酒小食', 'Bar snacks', [28, 48], [9, 14]), item('欢乐时光套票', 'Happy hour pass', [99, 159], [25, 40], 'voucher'), svc('卡座预订', 'Table reservation', [200, 500], [40, 120], 180, 6), item('威士忌品鉴', 'Whisky flight', [128, 228], [28, 45])],
  grocery: [item('当季水果礼盒', 'Seasonal fruit box', [68, 128], [25, 45]), item('有机蔬菜包', 'Organic veg bag', [39, 69], [20, 32]), item('鲜牛奶 1L', 'Fresh milk 1L', [12, 22], [3, 5]), item('新鲜鸡蛋 10枚', 'Free-range eggs, 10', [15, 25], [5, 8]), item('100元购物券', '$50 store credit', [90, 95], [45, 48], 'voucher'), svc('送货上门', 'Home delivery slot', [5, 15], [5, 10], 60, 20)],
  beauty: [svc('基础美甲', 'Classic manicure', [88, 168], [25, 40], 60), svc('美睫嫁接', 'Lash extensions', [198, 398], [90, 160], 90), svc('面部清洁护理', 'Signature facial', [198, 398], [85, 150], 75), svc('修眉', 'Brow shaping', [38, 68], [20, 30], 20), item('护手霜', 'Hand cream', [48, 98], [12, 22]), item('美甲套卡', 'Manicure bundle of 5', [398, 698], [110, 180], 'voucher')],
  hair: [svc('洗剪吹', 'Haircut & blow-dry', [68, 168], [35, 75], 45), svc('男士快剪', "Men's quick cut", [25, 45], [25, 40], 20), svc('染发', 'Colour', [298, 688], [95, 180], 120), svc('烫发', 'Perm', [398, 888], [120, 220], 150), svc('头皮护理', 'Scalp treatment', [128, 268], [40, 75], 40), item('剪发次卡', 'Haircut pass, 5 visits', [298, 598], [150, 300], 'voucher')],
  massage: [svc('足疗', 'Foot massage', [98, 168], [45, 70], 60), svc('全身推拿', 'Full-body massage', [168, 298], [90, 140], 90), svc('肩颈放松', 'Neck & shoulder', [78, 128], [40, 60], 30), svc('精油SPA', 'Aromatherapy massage', [298, 498], [120, 180], 90), svc('双人SPA', "Couples' massage", [498, 898], [220, 320], 90, 2), item('按摩储值卡', 'Massage gift card', [500, 1000], [100, 200], 'voucher')],
  fitness: [svc('团课单次', 'Drop-in class', [59, 99], [25, 38], 60, 20), svc('私教课', 'Personal training', [300, 600], [80, 140], 60), svc('瑜伽课', 'Yoga class', [80, 150], [25, 35], 75, 15), item('月卡', 'Monthly membership', [299, 699], [90, 220], 'voucher'), item('十次卡', '10-class pack', [599, 999], [200, 320], 'voucher'), item('蛋白粉', 'Protein shake', [25, 38], [7, 10])],
  laundry: [item('洗衣一袋', 'Wash & fold, per bag', [39, 69], [25, 40]), item('干洗西装', 'Suit dry cleaning', [45, 80], [18, 28]), svc('上门取衣', 'Pickup & delivery', [10, 20], [5, 10], 30, 4), item('羽绒服清洗', 'Down jacket cleaning', [60, 120], [30, 45]), item('洗衣储值卡', 'Laundry credit', [180, 200], [90, 100], 'voucher'), svc('衣物修改', 'Alterations', [30, 80], [15, 35], 30)],
  repair: [svc('手机换屏', 'Phone screen replacement', [199, 899], [89, 249], 60), svc('更换电池', 'Battery replacement', [99, 299], [49, 99], 45), svc('上门维修', 'Home repair visit', [80, 150], [75, 120], 60), svc('家电检修', 'Appliance check-up', [60, 120], [65, 110], 45), item('数据线', 'Charging cable', [29, 59], [12, 20]), item('维修代金券', 'Repair voucher', [90, 95], [45, 48], 'voucher')],
  pet: [svc('小型犬洗护', 'Small dog bath', [68, 128], [45, 70], 60), svc('猫咪美容', 'Cat grooming', [128, 228], [70, 110], 90), svc('宠物寄养一晚', 'Overnight boarding', [80, 150], [55, 85], 1440, 10), svc('上门遛狗', 'Dog walk, 30 min', [40, 60], [20, 30], 30, 3), item('宠物零食', 'Pet treats', [25, 58], [8, 15]), item('洗护套卡', 'Grooming bundle', [398, 698], [200, 320], 'voucher')],
  education: [svc('试听课', 'Trial lesson', [0, 50], [0, 20], 60, 8), svc('少儿美术课', 'Kids art class', [120, 200], [35, 55], 90, 10), svc('钢琴一对一', 'Private piano lesson', [200, 400], [60, 110], 45), svc('英语口语小班', 'Conversation class', [150, 260], [30, 50], 60, 6), item('课程包', '10-lesson pack', [1800, 3600], [300, 600], 'voucher'), item('教材', 'Course book', [48, 98], [18, 35])],
  health: [svc('全科门诊', 'GP consultation', [50, 150], [75, 150], 20), svc('洗牙', 'Teeth cleaning', [198, 398], [99, 199], 45), svc('中医推拿理疗', 'Acupuncture session', [168, 298], [85, 130], 45), item('口罩 10只', 'Face masks, 10', [15, 30], [8, 12]), item('维生素C', 'Vitamin C', [39, 89], [9, 16]), item('体检套餐', 'Health check package', [399, 899], [150, 300], 'voucher')],
  entertainment: [svc('KTV小包3小时', 'Karaoke room, 3 hours', [128, 298], [60, 120], 180, 6), svc('密室逃脱', 'Escape room', [128, 198], [35, 45], 60, 6), svc('桌游畅玩', 'Board game table', [48, 88], [10, 18], 240, 8), item('电影票', 'Movie ticket', [35, 60], [15, 20]), item('游戏币100枚', '100 game tokens', [88, 100], [20, 25]), item('欢唱套票', 'Party voucher', [268, 468], [100, 180], 'voucher')],
  hotel: [svc('标准间一晚', 'Standard room, one night', [268, 599], [159, 329], 1440, 2), svc('大床房一晚', 'King room, one night', [328, 799], [189, 399], 1440, 2), svc('钟点房', 'Day use, 4 hours', [98, 168], [79, 129], 240, 2), item('早餐', 'Breakfast', [38, 68], [18, 28]), item('住宿代金券', 'Stay voucher', [180, 200], [90, 100], 'voucher'), item('接机服务', 'Airport transfer', [150, 250], [65, 95])],
  florist: [item('玫瑰花束', 'Rose bouquet', [168, 399], [55, 120]), item('时令花束', 'Seasonal bouquet', [99, 199], [40, 75]), item('绿植盆栽', 'Potted plant', [58, 168], [25, 60]), svc('花艺课', 'Flower arranging class', [198, 328], [65, 95], 120, 8), item('包月鲜花', 'Monthly flowers', [299, 499], [90, 150], 'voucher'), svc('同城配送', 'Same-day delivery', [15, 30], [10, 20], 60, 10)],
  auto: [svc('标准洗车', 'Exterior wash', [35, 60], [20, 35], 30, 2), svc('精洗内饰', 'Interior detail', [168, 298], [90, 160], 120), svc('更换机油', 'Oil change', [198, 498], [50, 90], 45, 2), svc('轮胎检查', 'Tyre check', [0, 50], [0, 25], 20, 2), item('玻璃水', 'Washer fluid', [15, 30], [6, 10]), item('洗车十次卡', '10-wash pass', [268, 468], [150, 250], 'voucher')],
}

export interface DemoOffering {
  name: string
  kind: OfferingKind
  price_cents: number
  currency: string
  duration_min: number | null
  capacity: number
}

function priceCents(rng: Random, city: DemoCity, cny: readonly [number, number], usd: readonly [number, number]): number {
  const [lo, hi] = city.currency === 'CNY' ? cny : usd
  const scale = city.currency === 'GBP' ? 0.8 : 1 // London prices look like New York's in pounds
  const major = (lo + rng.next() * (hi - lo)) * scale
  const step = city.currency === 'CNY' ? 100 : city.currency === 'USD' ? 25 : 10 // ¥28, $5.75, £3.40
  return Math.round((major * 100) / step) * step
}

/** 2–6 distinct offerings for a storefront of `category`, priced in the city's currency. */
export function offeringsFor(rng: Random, city: DemoCity, category: string, count: number): DemoOffering[] {
  const templates = rng.sample(TEMPLATES[category] ?? TEMPLATES.food!, Math.min(6, Math.max(2, count)))
  return templates.map(([zh, en, kind, cny, usd, durationMin, capacity]) => ({
    name: city.language === 'zh' ? zh : en.replace('$', city.currency === 'GBP' ? '£' : '$'),
    kind,
    price_cents: priceCents(rng, city, cny, usd),
    currency: city.currency,
    duration_min: kind === 'service' ? (durationMin ?? 60) : null,
    capacity: capacity ?? 1,
  }))
}
