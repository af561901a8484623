import type { DemoCity, Neighbourhood } from './cities'
import type { Random } from './random'

type Chain = readonly [name: string, category: string, onlyIn?: string]

/** Chains seen on Chinese streets, named the way their signs read ("星巴克咖啡 Starbucks"). */
const ZH_CHAINS: readonly Chain[] = [
  ['星巴克咖啡 Starbucks', 'coffee'], ['瑞幸咖啡 luckin coffee', 'coffee'], ['Manner Coffee', 'coffee'], ['库迪咖啡 COTTI COFFEE', 'coffee'],
  ['喜茶 HEYTEA', 'coffee'], ['奈雪的茶 Nayuki', 'coffee'], ['古茗 Good Me', 'coffee'], ['蜜雪冰城 MIXUE', 'coffee'],
  ['麦当劳 McDonald\'s', 'food'], ['肯德基 KFC', 'food'], ['海底捞火锅 Haidilao', 'food'], ['外婆家', 'food'], ['绿茶餐厅', 'food'],
  ['西贝莜面村', 'food'], ['老娘舅', 'food'], ['新白鹿餐厅', 'food', 'hangzhou'], ['知味观', 'food', 'hangzhou'], ['弄堂里', 'food', 'hangzhou'],
  ['小杨生煎', 'food', 'shanghai'], ['南翔馒头店', 'food', 'shanghai'], ['85度C', 'bakery'], ['面包新语 BreadTalk', 'bakery'],
  ['好利来 Holiland', 'bakery'], ['鲍师傅糕点', 'bakery'], ['全家 FamilyMart', 'grocery'], ['罗森 LAWSON', 'grocery'],
  ['7-Eleven 便利店', 'grocery'], ['盒马鲜生 Freshippo', 'grocery'], ['联华超市', 'grocery'], ['屈臣氏 Watsons', 'beauty'],
  ['如家酒店 Home Inn', 'hotel'], ['汉庭酒店 Hanting', 'hotel'], ['全季酒店 JI Hotel', 'hotel'], ['亚朵酒店 Atour', 'hotel'],
  ['万达影城 Wanda Cinemas', 'entertainment'], ['纯K KTV', 'entertainment'], ['乐刻运动 LEFIT', 'fitness'], ['超级猩猩 Super Monkey', 'fitness'],
  ['老百姓大药房', 'health'], ['瑞尔齿科 Arrail Dental', 'health'], ['华夏良子', 'massage'], ['福奈特洗衣 Fornet', 'laundry'],
  ['瑞鹏宠物医院', 'pet'], ['野兽派 THE BEAST', 'florist'], ['途虎养车 Tuhu', 'auto'], ['新东方 New Oriental', 'education'],
]

/** Shop-name prefixes with their pinyin, for mixed signs like "老街咖啡 Laojie Coffee". */
const ZH_PREFIXES: readonly (readonly [string, string])[] = [
  ['老街', 'Laojie'], ['弄堂', 'Longtang'], ['拾光', 'Shiguang'], ['转角', 'Zhuanjiao'], ['半山', 'Banshan'], ['南山', 'Nanshan'],
  ['湖畔', 'Hupan'], ['小巷', 'Xiaoxiang'], ['邻里', 'Linli'], ['阿婆', 'Apo'], ['老王', 'Laowang'], ['张记', 'Zhangji'],
  ['李记', 'Liji'], ['陈记', 'Chenji'], ['福满', 'Fuman'], ['悦享', 'Yuexiang'], ['晨光', 'Chenguang'], ['青禾', 'Qinghe'],
  ['木子', 'Muzi'], ['云间', 'Yunjian'], ['花间', 'Huajian'], ['禾丰', 'Hefeng'], ['一隅', 'Yiyu'], ['橘子', 'Juzi'],
  ['小鹿', 'Xiaolu'], ['蓝鲸', 'Lanjing'], ['初心', 'Chuxin'], ['时光', 'Shiguang'], ['外滩', 'Waitan'], ['梧桐', 'Wutong'],
]

/** What each kind of shop calls itself, in Chinese and English. */
const CORES: Record<string, readonly (readonly [string, string])[]> = {
  food: [['面馆', 'Noodles'], ['小馆', 'Bistro'], ['家常菜', 'Home Kitchen'], ['馄饨', 'Wonton'], ['小笼包', 'Xiaolongbao'], ['烧烤', 'BBQ'], ['火锅', 'Hotpot'], ['私房菜', 'Private Kitchen'], ['饺子馆', 'Dumplings'], ['酸菜鱼', 'Pickled Fish'], ['粥铺', 'Congee'], ['Pizzeria', 'Pizzeria'], ['Diner', 'Diner'], ['Deli', 'Deli'], ['Taqueria', 'Taqueria'], ['Trattoria', 'Trattoria'], ['Ramen', 'Ramen'], ['Kitchen', 'Kitchen']],
  coffee: [['咖啡', 'Coffee'], ['咖啡馆', 'Café'], ['茶饮', 'Tea'], ['手冲咖啡', 'Pour-over'], ['茶馆', 'Teahouse'], ['Roasters', 'Roasters'], ['Espresso Bar', 'Espresso Bar']],
  bakery: [['面包房', 'Bakery'], ['烘焙', 'Bakehouse'], ['甜品', 'Desserts'], ['蛋糕店', 'Cakes'], ['Bagels', 'Bagels'], ['Patisserie', 'Patisserie']],
  bar: [['小酒馆', 'Tavern'], ['酒吧', 'Bar'], ['精酿', 'Taproom'], ['威士忌吧', 'Whisky Bar'], ['清吧', 'Lounge'], ['Wine Bar', 'Wine Bar']],
  grocery: [['便利店', 'Mart'], ['生鲜超市', 'Fresh Market'], ['水果店', 'Fruit Stand'], ['超市', 'Grocery'], ['Bodega', 'Deli & Grocery']],
  beauty: [['美甲', 'Nails'], ['美睫', 'Lash Studio'], ['美容院', 'Beauty Lounge'], ['皮肤管理', 'Skin Studio'], ['Brow Bar', 'Brow Bar']],
  hair: [['理发店', 'Barbershop'], ['造型', 'Hair Studio'], ['美发沙龙', 'Salon'], ['Cuts', 'Cuts']],
  massage: [['足道', 'Foot Spa'], ['推拿', 'Bodywork'], ['SPA', 'Day Spa'], ['养生馆', 'Wellness'], ['Massage', 'Massage']],
  fitness: [['健身', 'Fitness'], ['瑜伽', 'Yoga'], ['普拉提', 'Pilates'], ['拳馆', 'Boxing Club'], ['Cycle', 'Cycle Studio']],
  laundry: [['洗衣', 'Laundromat'], ['干洗店', 'Cleaners'], ['洗护', 'Wash & Fold']],
  repair: [['手机维修', 'Phone Repair'], ['家电维修', 'Appliance Repair'], ['修鞋配钥匙', 'Shoe Repair & Keys'], ['水电维修', 'Handyman'], ['Locksmith', 'Locksmith']],
  pet: [['宠物店', 'Pet Supply'], ['宠物美容', 'Grooming'], ['宠物医院', 'Animal Hospital'], ['猫咖', 'Cat Café']],
  education: [['英语', 'Language Academy'], ['美术', 'Art Studio'], ['钢琴', 'Music School'], ['书法', 'Calligraphy'], ['编程', 'Coding School']],
  health: [['大药房', 'Pharmacy'], ['诊所', 'Urgent Care'], ['口腔', 'Dental'], ['中医馆', 'Acupuncture'], ['Physio', 'Physical Therapy']],
  entertainment: [['KTV', 'Karaoke'], ['桌游', 'Board Game Café'], ['密室逃脱', 'Escape Room'], ['剧本杀', 'Mystery Room'], ['电玩城', 'Arcade']],
  hotel: [['酒店', 'Hotel'], ['民宿', 'Guesthouse'], ['客栈', 'Inn'], ['Suites', 'Suites']],
  florist: [['花店', 'Flowers'], ['花艺', 'Floral Studio'], ['Blooms', 'Blooms']],
  auto: [['洗车', 'Car Wash'], ['汽车美容', 'Auto Spa'], ['汽修', 'Auto Repair']],
}

const EN_CHAINS: Record<string, readonly Chain[]> = {
  'new-york': [['Starbucks', 'coffee'], ["Dunkin'", 'coffee'], ['Joe Coffee', 'coffee'], ['Shake Shack', 'food'], ['Sweetgreen', 'food'], ['Duane Reade', 'health'], ['CVS Pharmacy', 'health'], ['Equinox', 'fitness'], ['Trader Joe\'s', 'grocery'], ['Levain Bakery', 'bakery']],
  london: [['Pret A Manger', 'food'], ['Costa Coffee', 'coffee'], ['Gail\'s Bakery', 'bakery'], ['Tesco Express', 'grocery'], ["Sainsbury's Local", 'grocery'], ['Boots', 'health'], ['PureGym', 'fitness'], ['Dishoom', 'food']],
}

const EN_OWNERS = ['Marco', 'Joe', 'Rosa', 'Sal', 'Lucy', 'Nina', 'Sam', 'Ray', 'Kim', 'Patel', 'Murphy', 'Chen', 'Garcia', "O'Brien", 'Ivy', 'Omar', 'Lena', 'Theo', 'Maya', 'Gus']
const EN_ADJECTIVES = ['Crooked', 'Golden', 'Red', 'Little', 'Lucky', 'Copper', 'Velvet', 'Iron', 'Silver', 'Blue', 'Wild', 'Old', 'Honest', 'Sunny']
const EN_NOUNS = ['Anchor', 'Fox', 'Lantern', 'Crow', 'Owl', 'Rabbit', 'Lion', 'Oak', 'Hound', 'Crown', 'Swan', 'Bell', 'Sparrow', 'Pine']
const EN_PLACES: Record<string, readonly string[]> = {
  'new-york': ['Hudson', 'Empire', 'Liberty', 'Bowery', 'Metropolitan', 'Gotham', 'Knickerbocker', 'East River'],
  london: ['Thames', 'Albion', 'Regent', 'Kingsway', 'Victoria', 'Borough', 'Marylebone', 'Greenwich'],
}

/** The category a chain belongs to, when `rng` decides this storefront is a chain branch. */
export function pickChain(rng: Random, city: DemoCity): Chain | undefined {
  const list = city.language === 'zh' ? ZH_CHAINS.filter(([, , only]) => !only || only === city.slug) : (EN_CHAINS[city.slug] ?? [])
  return rng.chance(0.16) && list.length ? rng.pick(list) : undefined
}

/** A plausible storefront name for the city's language: chain branch, mixed bilingual sign or local name. */
export function storefrontName(rng: Random, city: DemoCity, hood: Neighbourhood, category: string, chain?: string): string {
  const cores = (CORES[category] ?? []).filter(([zh, en]) => city.language === 'en' || zh !== en)
  const [coreZh, coreEn] = rng.pick(cores.length ? cores : [['店', 'Shop']])
  if (city.language === 'zh') {
    if (chain) return `${chain}（${hood.local}店）`
    const [prefix, pinyin] = rng.pick(ZH_PREFIXES)
    return rng.chance(0.35) ? `${prefix}${coreZh} ${pinyin} ${coreEn}` : `${prefix}${coreZh}`
  }
  if (chain) return chain
  const places = [...(EN_PLACES[city.slug] ?? []), hood.name, (rng.pick(hood.roads).split(' ')[0] ?? hood.name)]
  const style = rng.int(0, 3)
  if (style === 0) return `${rng.pick(EN_OWNERS)}'s ${coreEn}`
  if (style === 1 && (category === 'bar' || category === 'food')) return `The ${rng.pick(EN_ADJECTIVES)} ${rng.pick(EN_NOUNS)}`
  if (style === 2) return `${rng.pick(places)} ${coreEn}`
  return `${rng.pick(EN_ADJECTIVES)} ${rng.pick(EN_NOUNS)} ${coreEn}`
}
