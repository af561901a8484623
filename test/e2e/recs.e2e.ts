import { expect, it } from 'vitest'
import { sql } from 'kysely'
import type { TestContext } from '../support/app'
import { makeMerchant, makeOffering, makeUser } from '../support/factories'
import { refreshRecommendations } from '../../src/recommendations/refresh'
import { hasChromium, useBrowserApp } from './support/harness'
import { signIn } from './support/session'

// "For you", end to end: a consumer who ordered twice at coffee shops sees other coffee places
// (that people with the same coffee habit went to) above the popular-nearby baseline, each with a reason.
const HANGZHOU = { lat: 30.2741, lng: 120.1551 }
const CONSUMER_EMAIL = 'coffee.lover@example.test'
const north = (m: number) => ({ lat: HANGZHOU.lat + m / 111_320, lng: HANGZHOU.lng })
let popularId = ''
let coffeeIds: string[] = []

async function order(t: TestContext, consumerId: string, merchantId: string, daysAgo: number) {
  const at = new Date(Date.now() - daysAgo * 86_400_000)
  await sql`INSERT INTO orders (consumer_id, merchant_id, status, payment_provider, subtotal_cents, platform_fee_cents, total_cents, currency, created_at)
    VALUES (${consumerId}, ${merchantId}, 'completed', 'cash', 1500, 0, 1500, 'CNY', ${at})`.execute(t.db)
}

const e2e = useBrowserApp(async (t) => {
  const owner = await makeUser(t.deps, { role: 'merchant' })
  const shop = async (name: string, category: string, meters: number) => {
    const m = await makeMerchant(t.db, { owner_id: owner.id, name, category, ...north(meters) })
    await makeOffering(t.db, m.id, { kind: 'product', price_cents: 1500, duration_min: null })
    return m
  }
  const mine = [await shop('Old Street Coffee', 'coffee', 300), await shop('Corner Roastery', 'coffee', 500)]
  const others = [await shop('Lakeside Coffee', 'coffee', 900), await shop('Tea & Beans', 'coffee', 1100)]
  coffeeIds = others.map((m) => m.id)
  const popular = await shop('Busy Noodle House', 'food', 150)
  popularId = popular.id
  const me = await makeUser(t.deps, { email: CONSUMER_EMAIL, name: 'Coffee Lover' })
  await order(t, me.id, mine[0]!.id, 5)
  await order(t, me.id, mine[1]!.id, 3)
  // Coffee people went to both of my shops and to the other coffee places; everyone eats noodles.
  for (let i = 0; i < 4; i++) {
    const person = await makeUser(t.deps)
    await order(t, person.id, mine[i % 2]!.id, 10 + i)
    await order(t, person.id, others[i % 2]!.id, 8 + i)
  }
  for (let i = 0; i < 8; i++) await order(t, (await makeUser(t.deps)).id, popular.id, 6 + i)
  await refreshRecommendations(t.deps)
})
const test = hasChromium ? it : it.skip

test('a coffee lover sees other coffee places above the popular-nearby pick, each with a reason', async () => {
  const { page, context } = await e2e.newPage()
  // A link with a position opens on Nearby; For you is the first tab.
  await page.goto(`${e2e.baseUrl}/?at=${HANGZHOU.lat},${HANGZHOU.lng},15`)
  await page.getByRole('tab', { name: 'For you' }).click()
  // Signed out: a labelled cold start, the most visited place first.
  await page.locator('.for-you-summary', { hasText: 'Popular and open near you' }).waitFor()
  await signIn(page, CONSUMER_EMAIL)
  await page.getByRole('tab', { name: 'Nearby' }).click()
  await page.getByRole('tab', { name: 'For you' }).click()
  await page.locator('.for-you-summary', { hasText: 'Picked for you' }).waitFor()
  const ids = await page.locator('.for-you-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))
  for (const id of coffeeIds) expect(ids.indexOf(id)).toBeLessThan(ids.indexOf(popularId))
  const lakeside = page.locator('.for-you-card', { hasText: 'Lakeside Coffee' })
  await lakeside.locator('li', { hasText: /Similar to (Old Street Coffee|Corner Roastery), where you ordered 1×/ }).waitFor()
  for (const card of await page.locator('.for-you-card').all()) expect(await card.locator('.for-you-reasons li').count()).toBeGreaterThan(0)
  // Coffee people (two coffee places each) went to both other coffee places: the user's inferred interest group.
  await page.locator('.for-you-card', { hasText: 'Tea & Beans' }).locator('li[data-code="interest_group"]', { hasText: 'Popular with people who like coffee & tea' }).waitFor()
  await e2e.shot(page, 'recs-1-for-you')

  // "Not interested" removes the card and is remembered.
  await lakeside.getByRole('button', { name: 'Not interested' }).click()
  await lakeside.waitFor({ state: 'detached' })
  await page.reload()
  await page.getByRole('tab', { name: 'For you' }).click()
  await page.locator('.for-you-summary', { hasText: 'Picked for you' }).waitFor()
  expect(await page.locator('.for-you-card', { hasText: 'Lakeside Coffee' }).count()).toBe(0)

  // Interests in the profile: inferred coffee is shown, a chosen one is saved.
  await page.locator('#account').getByRole('button', { name: 'Interests' }).click()
  await page.locator('.interests-dialog', { hasText: 'From your history: Coffee & tea' }).waitFor()
  await page.locator('.interests-dialog').getByLabel('Live music').check()
  await page.locator('.interests-dialog').getByRole('button', { name: 'Save' }).click()
  await page.locator('#status', { hasText: 'Interests saved.' }).waitFor()
  const mine = await e2e.t.db.selectFrom('user_interests').select('tag').execute()
  expect(mine.map((r) => r.tag)).toEqual(['live-music'])
  await e2e.shot(page, 'recs-2-interests')
  await page.locator('.interests-dialog').getByRole('button', { name: 'Close' }).click()

  // "Report this place" on the storefront panel: a reason is required; the place leaves For you at once.
  await page.locator('.for-you-card', { hasText: 'Tea & Beans' }).getByRole('button', { name: 'Tea & Beans' }).click()
  await page.locator('#storefront h2', { hasText: 'Tea & Beans' }).waitFor()
  await page.locator('#storefront').getByText('Report this place').click()
  await page.locator('#storefront').getByRole('button', { name: 'Send report' }).click()
  await page.locator('#storefront .form-error', { hasText: 'Choose a reason for the report.' }).waitFor()
  await page.locator('#storefront').getByLabel('What is wrong with this place?').selectOption('closed')
  await page.locator('#storefront').getByLabel('Details (optional)').fill('Shutters down for weeks')
  await e2e.shot(page, 'recs-3-report')
  await page.locator('#storefront').getByRole('button', { name: 'Send report' }).click()
  await page.locator('#storefront .place-reported', { hasText: 'You reported this place.' }).waitFor()
  const reports = await e2e.t.db.selectFrom('storefront_reports').select(['merchant_id', 'reason', 'note']).execute()
  expect(reports).toEqual([{ merchant_id: coffeeIds[1], reason: 'closed', note: 'Shutters down for weeks' }])
  await page.goto(`${e2e.baseUrl}/?at=${HANGZHOU.lat},${HANGZHOU.lng},15`)
  await page.getByRole('tab', { name: 'For you' }).click()
  await page.locator('.for-you-summary', { hasText: 'Picked for you' }).waitFor()
  expect(await page.locator('.for-you-card', { hasText: 'Tea & Beans' }).count()).toBe(0)

  // In Chinese: reasons and interest names are Chinese, the report action too.
  await page.locator('#lang-switch').click()
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN')
  await page.getByRole('tab', { name: '为你推荐' }).click()
  await page.locator('.for-you-card').first().waitFor()
  await page.locator('.for-you-reasons li[data-code="interest_group"]', { hasText: '喜欢咖啡茶饮的人常去' }).first().waitFor()
  const reasons = await page.locator('.for-you-reasons li').allInnerTexts()
  expect(reasons.filter((r) => /[A-Za-z]{3,}/.test(r.replace(/Old Street Coffee|Corner Roastery|Busy Noodle House/g, '')))).toEqual([])
  await e2e.shot(page, 'recs-4-for-you-zh')
  await page.locator('#account').getByRole('button', { name: '兴趣' }).click()
  await page.locator('.interests-dialog', { hasText: '根据你的记录：咖啡茶饮' }).waitFor()
  await page.locator('.interests-dialog').getByLabel('现场音乐').waitFor()
  expect(await page.locator('.interests-dialog').getByLabel('现场音乐').isChecked()).toBe(true)
  await e2e.shot(page, 'recs-5-interests-zh')
  await page.locator('.interests-dialog').getByRole('button', { name: '关闭' }).click()

  // The report form in Chinese, reasons included.
  await page.locator('.for-you-card').first().locator('.for-you-name').click()
  await page.locator('#storefront h2').waitFor()
  await page.locator('#storefront').getByText('举报这家店').click()
  const picker = page.locator('#storefront').getByLabel('这家店有什么问题？')
  expect(await picker.locator('option').allInnerTexts()).toEqual(['请选择原因…', '已经停业', '地图上的位置不对', '内容不当', '垃圾信息或虚假店铺', '其他问题'])
  await page.locator('#storefront .place-report').scrollIntoViewIfNeeded()
  await e2e.shot(page, 'recs-6-report-zh')
  expect(e2e.cspViolations).toEqual([])
  await context.close()
})
