import type { Page } from 'playwright-core'
import { TEST_PASSWORD } from '../../support/factories'

/** Signs in through the account dialog with the test password and waits until the app shows it. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.locator('#account').getByRole('button', { name: 'Sign in' }).click()
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.locator('dialog').getByRole('button', { name: 'Sign in' }).click()
  await page.locator('#account').getByRole('button', { name: 'Sign out' }).waitFor()
}
