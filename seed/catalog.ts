/** Per-category shape of the demo data: how common, which tags, who delivers, how they describe themselves. */
export interface CategoryProfile {
  slug: string
  /** Relative frequency in Chinese and in English-speaking cities. */
  weight: { zh: number; en: number }
  tags: readonly string[]
  /** [probability, min m, max m] that the storefront serves customers at home / delivers. */
  serviceRadius?: readonly [number, number, number]
  zh: readonly string[]
  en: readonly string[]
}

const c = (
  slug: string,
  zhWeight: number,
  enWeight: number,
  tags: string[],
  zh: string[],
  en: string[],
  serviceRadius?: [number, number, number],
): CategoryProfile => ({ slug, weight: { zh: zhWeight, en: enWeight }, tags, zh, en, serviceRadius })

/** Every category in the categories table, weighted unevenly the way real streets are. */
export const CATEGORIES: readonly CategoryProfile[] = [
  c('food', 22, 22, ['takeaway', 'dine-in', 'reservations', 'vegetarian-options', 'family-style', 'spicy', 'halal', 'lunch-set'],
    ['{hood}街坊熟悉的老味道，食材每日新鲜采购。', '主打家常口味，分量实在，午市套餐很受欢迎。', '招牌菜现点现做，支持外卖和堂食。'],
    ['A {hood} favourite for honest, generous plates.', 'Seasonal menu cooked to order; lunch specials on weekdays.', 'Family-run kitchen with takeaway and dine-in.'], [0.15, 2000, 5000]),
  c('coffee', 11, 10, ['wifi', 'takeaway', 'laptop-friendly', 'oat-milk', 'outdoor-seating', 'single-origin', 'pastries'],
    ['{hood}的一处安静角落，手冲和意式都认真对待。', '每日烘焙咖啡豆，提供燕麦奶和季节特饮。', '适合办公和约朋友，座位宽敞，有插座。'],
    ['Small-batch espresso and pour-over in {hood}.', 'Beans roasted weekly; oat milk at no extra charge.', 'Plenty of seats and sockets for a working morning.']),
  c('bakery', 5, 5, ['takeaway', 'fresh-daily', 'birthday-cakes', 'gluten-free-options', 'pastries'],
    ['每天清晨现烤面包，欧包和生日蛋糕可预订。', '{hood}人气烘焙店，低糖配方，下午常常售罄。'],
    ['Bread baked before dawn and sold until it runs out.', 'Custom cakes to order; croissants worth queueing for in {hood}.']),
  c('bar', 4, 6, ['cocktails', 'craft-beer', 'live-music', 'happy-hour', 'wine'],
    ['{hood}夜晚的好去处，精酿和调酒都有，周末有驻唱。', '安静的小酒馆，适合下班后小酌。'],
    ['Neighbourhood bar in {hood} with a serious cocktail list.', 'Craft beer on tap, live music on weekends, happy hour daily.']),
  c('grocery', 8, 7, ['fresh-produce', 'imported-goods', 'organic', 'household-goods'],
    ['社区生鲜和日用品，满额免费配送到家。', '{hood}居民的日常补给站，水果蔬菜每日到货。'],
    ['Everyday groceries and fresh produce for {hood}.', 'Fruit and vegetables delivered daily; free delivery over a minimum.'], [0.3, 2000, 5000]),
  c('beauty', 6, 5, ['appointments', 'walk-ins', 'nail-art', 'organic-products', 'women-owned'],
    ['专业美甲美睫，使用进口产品，支持线上预约。', '{hood}口碑美容工作室，一对一服务。'],
    ['Nails, lashes and brows by appointment in {hood}.', 'Clean products, careful technicians, walk-ins when there is room.']),
  c('hair', 6, 6, ['appointments', 'walk-ins', 'mens-cuts', 'colour', 'kids-cuts'],
    ['资深发型师团队，剪烫染护一站式服务。', '{hood}的社区理发店，快剪不用等太久。'],
    ['Cuts, colour and beard trims in {hood}.', 'Experienced stylists; book online or walk in.']),
  c('massage', 6, 3, ['appointments', 'couples', 'hot-stone', 'foot-massage'],
    ['传统推拿与足疗，环境安静，营业到深夜。', '{hood}的放松去处，技师经验丰富。'],
    ['Deep tissue, Swedish and foot massage in {hood}.', 'Quiet rooms and experienced therapists; open late.'], [0.1, 3000, 8000]),
  c('fitness', 4, 5, ['classes', 'personal-training', 'showers', 'beginners-welcome'],
    ['团课、私教和自由训练，新手友好。', '{hood}社区健身空间，按次付费也可以。'],
    ['Classes from sunrise to late evening in {hood}.', 'Drop-in friendly gym with coaches who know your name.']),
  c('laundry', 3, 4, ['pickup', 'dry-cleaning', 'same-day', 'eco-friendly'],
    ['上门取送，洗衣、干洗、皮具护理。', '{hood}附近免费取送，次日可取。'],
    ['Wash & fold with free pickup and delivery around {hood}.', 'Dry cleaning, alterations and same-day service.'], [0.8, 3000, 8000]),
  c('repair', 3, 3, ['home-visits', 'warranty', 'same-day', 'phone-repair', 'appliances'],
    ['手机、家电、水电维修，可上门服务。', '{hood}的老师傅，修不好不收费。'],
    ['Phone, appliance and home repairs with a 90-day warranty.', 'Same-day home visits across {hood} and nearby.'], [0.7, 5000, 15000]),
  c('pet', 3, 3, ['grooming', 'vet', 'pet-supplies', 'boarding', 'dog-walking'],
    ['宠物洗护、美容、寄养，可上门接送。', '{hood}宠物友好小店，猫狗用品齐全。'],
    ['Grooming, supplies and boarding in {hood}.', 'Gentle groomers; pickup and drop-off available.'], [0.4, 3000, 10000]),
  c('education', 4, 3, ['kids', 'adults', 'small-groups', 'trial-lesson', 'weekend-classes'],
    ['小班教学，提供免费试听课。', '{hood}少儿和成人课程，周末班名额有限。'],
    ['Small-group classes for kids and adults in {hood}.', 'Book a trial lesson; weekend classes fill up fast.']),
  c('health', 5, 5, ['pharmacy', 'insurance-accepted', 'walk-ins', 'dental', 'lab-tests'],
    ['执业医师坐诊，医保定点。', '{hood}社区诊所和药房，常用药齐全。'],
    ['Walk-in clinic and pharmacy serving {hood}.', 'Most insurance accepted; prescriptions ready in minutes.']),
  c('entertainment', 4, 3, ['groups', 'birthday-parties', 'karaoke', 'games'],
    ['KTV包厢、桌游和密室，适合朋友聚会。', '{hood}夜生活好去处，营业到凌晨。'],
    ['Karaoke rooms, games and group nights out in {hood}.', 'Open late; private rooms for birthdays and teams.']),
  c('hotel', 3, 3, ['wifi', 'breakfast', 'parking', 'airport-shuttle', 'pet-friendly'],
    ['交通便利，房间干净整洁，含早餐。', '{hood}商圈酒店，步行可达地铁站。'],
    ['Comfortable rooms a short walk from the subway in {hood}.', 'Breakfast included; 24-hour front desk.']),
  c('florist', 2, 2, ['same-day-delivery', 'weddings', 'subscriptions', 'plants'],
    ['鲜花每日到店，同城配送，可定制花束。', '{hood}小花店，节日花礼请提前预订。'],
    ['Fresh flowers daily with same-day delivery from {hood}.', 'Bouquets, plants and wedding flowers made to order.'], [0.5, 5000, 12000]),
  c('auto', 2, 1, ['car-wash', 'detailing', 'tyres', 'oil-change', 'appointments'],
    ['精洗、打蜡、保养，预约免排队。', '{hood}附近的汽车美容和快修。'],
    ['Hand car wash, detailing and quick service near {hood}.', 'Book ahead and skip the line.'], [0.1, 3000, 8000]),
]

/** Tags any storefront may carry, whatever its category. */
export const COMMON_TAGS = ['card-payment', 'mobile-payment', 'wheelchair-accessible', 'family-friendly', 'parking'] as const
