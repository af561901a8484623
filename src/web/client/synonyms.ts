/**
 * Words people type for a category, in English and Chinese: a search for one of them is a
 * category filter ("haircut" → hair, "理发" → hair), not a text match on shop names.
 */
const SYNONYMS: Record<string, readonly string[]> = {
  hair: ['haircut', 'hair', 'barber', 'hairdresser', 'salon', '理发', '美发', '剪发', '发廊', '理发店'],
  coffee: ['coffee', 'cafe', 'café', 'tea', 'latte', '咖啡', '茶', '奶茶', '茶饮'],
  food: ['food', 'restaurant', 'dumplings', 'noodles', 'eat', '餐厅', '美食', '饺子', '面', '吃饭'],
  bakery: ['bakery', 'bread', 'cake', 'dessert', '面包', '蛋糕', '甜点'],
  bar: ['bar', 'pub', 'beer', 'cocktail', '酒吧', '啤酒'],
  grocery: ['grocery', 'supermarket', 'convenience', '超市', '便利店'],
  beauty: ['nails', 'manicure', 'beauty', '美甲', '美容'],
  massage: ['massage', 'spa', '按摩', '足疗', '推拿'],
  fitness: ['gym', 'fitness', 'yoga', '健身', '瑜伽'],
  laundry: ['laundry', 'dry cleaning', '洗衣', '干洗'],
  repair: ['repair', 'fix', '维修', '修理'],
  pet: ['pet', 'dog', 'cat', 'grooming', '宠物'],
  education: ['class', 'tutor', 'lessons', '培训', '辅导'],
  health: ['clinic', 'pharmacy', 'doctor', '诊所', '药店', '药房'],
  entertainment: ['cinema', 'ktv', 'karaoke', 'games', '电影', '电影院', '唱歌'],
  hotel: ['hotel', 'hostel', 'stay', '酒店', '宾馆', '住宿'],
  florist: ['flowers', 'florist', 'gifts', '鲜花', '花店', '礼品'],
  auto: ['car wash', 'car', 'auto', '洗车', '汽车', '养车'],
}

/** The category a search word stands for, if it is one of the known words (case-insensitive). */
export function categoryForWord(query: string): string | undefined {
  const q = query.trim().toLowerCase()
  if (!q) return undefined
  for (const [slug, words] of Object.entries(SYNONYMS)) if (words.includes(q)) return slug
  return undefined
}
