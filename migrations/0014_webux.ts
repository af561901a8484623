import { type Kysely, sql } from 'kysely'

const NAMES_ZH: Record<string, string> = {
  food: '美食餐饮',
  coffee: '咖啡茶饮',
  bakery: '面包甜点',
  bar: '酒吧夜生活',
  grocery: '超市便利店',
  beauty: '美容美甲',
  hair: '美发理发',
  massage: '按摩足疗',
  fitness: '健身瑜伽',
  laundry: '洗衣干洗',
  repair: '维修保养',
  pet: '宠物服务',
  education: '培训辅导',
  health: '诊所药房',
  entertainment: '影院KTV游戏',
  hotel: '酒店住宿',
  florist: '鲜花礼品',
  auto: '洗车养车',
}

/** Web app: Chinese category names beside the English ones (the client shows the reader's language). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE categories ADD COLUMN name_zh text CHECK (name_zh IS NULL OR length(name_zh) BETWEEN 1 AND 60)`.execute(db)
  for (const [slug, name] of Object.entries(NAMES_ZH)) {
    await sql`UPDATE categories SET name_zh = ${name} WHERE slug = ${slug}`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE categories DROP COLUMN name_zh`.execute(db)
}
