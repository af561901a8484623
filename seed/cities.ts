import type { LatLng } from './geo'
import type { Random } from './random'

/** A real neighbourhood the demo clusters storefronts around. */
export interface Neighbourhood {
  name: string
  /** Local-language name, used in Chinese branch names ("（湖滨店）"). */
  local: string
  at: LatLng
  /** Spread of the gaussian cluster, in km. */
  sigmaKm: number
  weight: number
  roads: readonly string[]
  /** Postal locality after the road (English addresses). */
  locality?: string
}

export interface DemoCity {
  slug: string
  name: string
  localName: string
  timezone: string
  currency: 'CNY' | 'USD' | 'GBP'
  language: 'zh' | 'en'
  centre: LatLng
  storefronts: number
  /** Mean distance of the thin outskirts scatter from the centre, in km. */
  outskirtsKm: number
  neighbourhoods: readonly Neighbourhood[]
  /** When given, storefronts must fall inside one of these (coarse coastlines). */
  land?: readonly (readonly LatLng[])[]
  /** Lakes and parks where no storefront stands. */
  excluded?: readonly (readonly LatLng[])[]
  rivers?: readonly { line: readonly LatLng[]; halfWidthM: number }[]
  phone(rng: Random): string
}

const digits = (rng: Random, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('')
const hood = (name: string, local: string, at: LatLng, sigmaKm: number, weight: number, roads: string[], locality?: string): Neighbourhood => ({
  name, local, at, sigmaKm, weight, roads, locality,
})

const hangzhou: DemoCity = {
  slug: 'hangzhou', name: 'Hangzhou', localName: '杭州市', timezone: 'Asia/Shanghai', currency: 'CNY', language: 'zh',
  centre: [30.2741, 120.1551], storefronts: 800, outskirtsKm: 6,
  neighbourhoods: [
    hood('Hubin', '湖滨', [30.259, 120.168], 0.7, 14, ['延安路', '平海路', '东坡路', '庆春路']),
    hood('Wulin', '武林', [30.276, 120.164], 0.8, 14, ['体育场路', '环城北路', '武林路', '中山北路']),
    hood('Huanglong', '黄龙', [30.271, 120.14], 0.7, 8, ['曙光路', '黄龙路', '天目山路']),
    hood('Qianjiang New City', '钱江新城', [30.25, 120.212], 0.9, 10, ['富春路', '民心路', '新业路']),
    hood('Binjiang', '滨江', [30.206, 120.21], 1.2, 8, ['江南大道', '滨盛路', '网商路']),
    hood('Xixi', '西溪', [30.28, 120.07], 1.5, 6, ['文一西路', '五常大道', '紫金港路']),
    hood('Chengxi', '城西', [30.285, 120.12], 0.9, 8, ['文三路', '学院路', '教工路']),
    hood('Gongshu', '拱墅', [30.315, 120.147], 1.0, 7, ['湖墅南路', '大关路', '莫干山路']),
    hood('Hefang Street', '河坊街', [30.246, 120.17], 0.5, 6, ['河坊街', '中山中路', '南山路']),
    hood('Xiasha', '下沙', [30.31, 120.33], 1.5, 3, ['学源街', '文泽路']),
  ],
  excluded: [
    // West Lake
    [[30.263, 120.146], [30.261, 120.156], [30.254, 120.163], [30.242, 120.164], [30.232, 120.156], [30.226, 120.145], [30.23, 120.133], [30.242, 120.129], [30.256, 120.13], [30.262, 120.138]],
  ],
  rivers: [{ line: [[30.185, 120.115], [30.205, 120.145], [30.22, 120.165], [30.23, 120.19], [30.233, 120.215], [30.24, 120.24], [30.255, 120.27], [30.28, 120.3]], halfWidthM: 650 }],
  phone: (rng) => (rng.chance(0.7) ? `0571-8${digits(rng, 7)}` : `13${rng.int(0, 9)}${digits(rng, 8)}`),
}

const shanghai: DemoCity = {
  slug: 'shanghai', name: 'Shanghai', localName: '上海市', timezone: 'Asia/Shanghai', currency: 'CNY', language: 'zh',
  centre: [31.2304, 121.4737], storefronts: 700, outskirtsKm: 7,
  neighbourhoods: [
    hood("People's Square", '人民广场', [31.232, 121.472], 0.7, 12, ['南京西路', '西藏中路', '福州路']),
    hood('East Nanjing Road', '南京东路', [31.238, 121.482], 0.5, 8, ['南京东路', '九江路', '河南中路']),
    hood("Jing'an Temple", '静安寺', [31.224, 121.446], 0.7, 10, ['南京西路', '愚园路', '常德路']),
    hood('Xintiandi', '新天地', [31.219, 121.474], 0.6, 8, ['马当路', '淮海中路', '黄陂南路']),
    hood('Former French Concession', '衡山路', [31.21, 121.45], 0.8, 10, ['衡山路', '武康路', '复兴西路', '永康路']),
    hood('Xujiahui', '徐家汇', [31.194, 121.437], 0.8, 9, ['漕溪北路', '肇嘉浜路', '虹桥路']),
    hood('Lujiazui', '陆家嘴', [31.233, 121.512], 0.8, 8, ['陆家嘴环路', '世纪大道', '东方路']),
    hood('Century Park', '世纪公园', [31.215, 121.545], 1.2, 5, ['锦绣路', '芳甸路']),
    hood('Zhongshan Park', '中山公园', [31.22, 121.418], 0.7, 6, ['长宁路', '愚园路', '定西路']),
    hood('Wujiaochang', '五角场', [31.301, 121.514], 0.9, 6, ['淞沪路', '国定路', '政通路']),
    hood('Hongqiao', '虹桥', [31.196, 121.399], 1.0, 4, ['仙霞路', '古北路', '红宝石路']),
  ],
  rivers: [
    // Huangpu
    { line: [[31.17, 121.47], [31.19, 121.48], [31.205, 121.493], [31.22, 121.499], [31.232, 121.501], [31.24, 121.495], [31.247, 121.5], [31.25, 121.512], [31.254, 121.53], [31.26, 121.545], [31.28, 121.56], [31.3, 121.57]], halfWidthM: 230 },
  ],
  phone: (rng) => (rng.chance(0.7) ? `021-${rng.pick(['5', '6'])}${digits(rng, 7)}` : `13${rng.int(0, 9)}${digits(rng, 8)}`),
}

const newYork: DemoCity = {
  slug: 'new-york', name: 'New York', localName: 'New York', timezone: 'America/New_York', currency: 'USD', language: 'en',
  centre: [40.7549, -73.984], storefronts: 650, outskirtsKm: 6,
  neighbourhoods: [
    hood('Midtown', 'Midtown', [40.7549, -73.984], 0.9, 14, ['W 44th St', 'W 46th St', '8th Ave', 'Lexington Ave', 'E 47th St'], 'New York, NY'),
    hood('Financial District', 'FiDi', [40.7075, -74.009], 0.5, 6, ['Broad St', 'Fulton St', 'William St', 'Pearl St'], 'New York, NY'),
    hood('Greenwich Village', 'Village', [40.729, -74.001], 0.7, 10, ['Bleecker St', 'Spring St', 'MacDougal St', 'Greenwich Ave'], 'New York, NY'),
    hood('East Village', 'East Village', [40.724, -73.985], 0.7, 10, ['Avenue A', 'E 7th St', 'St Marks Pl', 'Orchard St'], 'New York, NY'),
    hood('Chelsea', 'Chelsea', [40.744, -73.999], 0.6, 7, ['W 23rd St', '9th Ave', '10th Ave'], 'New York, NY'),
    hood('Upper West Side', 'UWS', [40.787, -73.9754], 0.8, 8, ['Amsterdam Ave', 'Columbus Ave', 'Broadway', 'W 72nd St'], 'New York, NY'),
    hood('Upper East Side', 'UES', [40.7736, -73.9566], 0.8, 8, ['Lexington Ave', '2nd Ave', 'E 86th St', '3rd Ave'], 'New York, NY'),
    hood('Harlem', 'Harlem', [40.8116, -73.9465], 0.8, 5, ['Malcolm X Blvd', 'W 125th St', 'Frederick Douglass Blvd'], 'New York, NY'),
    hood('Williamsburg', 'Williamsburg', [40.714, -73.957], 0.7, 8, ['Bedford Ave', 'N 6th St', 'Grand St', 'Wythe Ave'], 'Brooklyn, NY'),
    hood('Downtown Brooklyn', 'Brooklyn', [40.693, -73.987], 0.6, 5, ['Court St', 'Atlantic Ave', 'Smith St'], 'Brooklyn, NY'),
    hood('Park Slope', 'Park Slope', [40.671, -73.98], 0.7, 5, ['5th Ave', '7th Ave', 'Union St'], 'Brooklyn, NY'),
    hood('Astoria', 'Astoria', [40.7644, -73.9235], 0.7, 4, ['Steinway St', '30th Ave', 'Ditmars Blvd'], 'Astoria, NY'),
    hood('Flushing', 'Flushing', [40.759, -73.83], 0.6, 4, ['Main St', 'Roosevelt Ave', '39th Ave'], 'Flushing, NY'),
    hood('Jackson Heights', 'Jackson Heights', [40.751, -73.883], 0.6, 3, ['37th Ave', '74th St', 'Roosevelt Ave'], 'Jackson Heights, NY'),
  ],
  land: [
    // Manhattan
    [[40.7009, -74.013], [40.704, -74.018], [40.719, -74.013], [40.745, -74.009], [40.76, -74.003], [40.773, -73.994], [40.79, -73.981], [40.81, -73.965], [40.83, -73.951], [40.855, -73.937], [40.873, -73.927], [40.876, -73.911], [40.835, -73.934], [40.818, -73.933], [40.8, -73.929], [40.782, -73.943], [40.77, -73.948], [40.758, -73.959], [40.745, -73.971], [40.729, -73.971], [40.712, -73.976], [40.708, -73.998]],
    // Brooklyn and Queens, above Jamaica Bay
    [[40.738, -73.96], [40.748, -73.956], [40.756, -73.946], [40.779, -73.923], [40.78, -73.9], [40.77, -73.88], [40.762, -73.855], [40.772, -73.84], [40.775, -73.81], [40.76, -73.77], [40.72, -73.75], [40.68, -73.76], [40.665, -73.82], [40.66, -73.87], [40.63, -73.895], [40.605, -73.92], [40.585, -73.945], [40.576, -73.97], [40.574, -74.0], [40.585, -74.012], [40.61, -74.035], [40.635, -74.035], [40.655, -74.015], [40.678, -74.015], [40.695, -74.0], [40.703, -73.988], [40.702, -73.972], [40.71, -73.969], [40.72, -73.962], [40.73, -73.96]],
  ],
  excluded: [
    [[40.7644, -73.973], [40.7681, -73.9819], [40.8003, -73.9582], [40.7968, -73.9493]], // Central Park
    [[40.673, -73.97], [40.662, -73.979], [40.651, -73.972], [40.654, -73.962], [40.664, -73.962]], // Prospect Park
  ],
  phone: (rng) => `+1 ${rng.pick(['212', '646', '718', '347'])}-555-01${digits(rng, 2)}`,
}

const london: DemoCity = {
  slug: 'london', name: 'London', localName: 'London', timezone: 'Europe/London', currency: 'GBP', language: 'en',
  centre: [51.5074, -0.1278], storefronts: 300, outskirtsKm: 6,
  neighbourhoods: [
    hood('Soho', 'Soho', [51.513, -0.131], 0.6, 12, ['Old Compton St', 'Dean St', 'Neal St', 'Wardour St'], 'London W1'),
    hood('Shoreditch', 'Shoreditch', [51.525, -0.078], 0.6, 9, ['Redchurch St', 'Shoreditch High St', 'Curtain Rd'], 'London E2'),
    hood('Camden', 'Camden', [51.539, -0.1426], 0.6, 6, ['Camden High St', 'Parkway', 'Chalk Farm Rd'], 'London NW1'),
    hood('Islington', 'Islington', [51.538, -0.103], 0.6, 6, ['Upper St', 'Essex Rd', 'Liverpool Rd'], 'London N1'),
    hood('Notting Hill', 'Notting Hill', [51.512, -0.2], 0.6, 5, ['Portobello Rd', 'Westbourne Grove', 'Ledbury Rd'], 'London W11'),
    hood('South Kensington', 'South Ken', [51.495, -0.175], 0.6, 5, ['Old Brompton Rd', 'Exhibition Rd', 'Gloucester Rd'], 'London SW7'),
    hood('Brixton', 'Brixton', [51.462, -0.115], 0.6, 5, ['Coldharbour Ln', 'Brixton Rd', 'Atlantic Rd'], 'London SW9'),
    hood('Borough', 'Borough', [51.501, -0.087], 0.6, 5, ['Borough High St', 'Bermondsey St', 'Tooley St'], 'London SE1'),
    hood('Clapham', 'Clapham', [51.462, -0.14], 0.6, 4, ['Clapham High St', 'Northcote Rd', 'Abbeville Rd'], 'London SW4'),
    hood('City of London', 'City', [51.514, -0.09], 0.5, 5, ['Cheapside', 'Leadenhall St', 'Moorgate'], 'London EC2'),
  ],
  excluded: [
    [[51.513, -0.159], [51.512, -0.176], [51.509, -0.188], [51.501, -0.188], [51.503, -0.152]], // Hyde Park and Kensington Gardens
    [[51.538, -0.16], [51.536, -0.148], [51.523, -0.147], [51.523, -0.162], [51.531, -0.168]], // Regent's Park
  ],
  rivers: [
    // Thames
    { line: [[51.488, -0.23], [51.467, -0.213], [51.465, -0.188], [51.481, -0.172], [51.483, -0.167], [51.4845, -0.15], [51.4875, -0.127], [51.494, -0.123], [51.501, -0.123], [51.506, -0.12], [51.509, -0.117], [51.509, -0.104], [51.508, -0.088], [51.5055, -0.0754], [51.504, -0.06], [51.506, -0.045], [51.508, -0.034], [51.5, -0.028], [51.486, -0.012], [51.486, -0.003], [51.496, 0.003], [51.506, 0.005]], halfWidthM: 140 },
  ],
  phone: (rng) => `+44 20 7946 0${digits(rng, 3)}`,
}

/** The demo cities, in seeding order. */
export const DEMO_CITIES: readonly DemoCity[] = [hangzhou, shanghai, newYork, london]
