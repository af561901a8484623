import { en, type MessageKey } from './en'
import { zhCN } from './zh-CN'

export type { MessageKey }
/** The languages the interface speaks. */
export const LOCALES = ['en', 'zh-CN'] as const
export type Locale = (typeof LOCALES)[number]

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN }
const STORAGE_KEY = 'o2o.locale'

/** The remembered choice, else the browser's first language we speak, else English. */
export function detectLocale(stored: string | null = safeStored(), preferred: readonly string[] = globalThis.navigator?.languages ?? []): Locale {
  if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as Locale
  for (const tag of preferred) {
    if (/^zh\b/i.test(tag)) return 'zh-CN'
    if (/^en\b/i.test(tag)) return 'en'
  }
  return 'en'
}

function safeStored(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null
  } catch {
    return null
  }
}

let current: Locale = detectLocale()

/** The interface language in use. */
export function locale(): Locale {
  return current
}

/** Remembers `next` and reloads the page in it (every view is rebuilt from its URL). */
export function switchLocale(next: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, next)
  } catch {
    // Private mode: the switch still applies to this page load.
  }
  current = next
  location.reload()
}

/** For tests and server-free rendering: use `next` without storing it. */
export function useLocale(next: Locale): void {
  current = next
}

/**
 * The message `key` in the current language with `{name}` placeholders filled:
 * `t('results.count', { count: 3 })`. A `count` of 1 picks `key_one` when the catalogue has it.
 */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const catalogue = CATALOGUES[current]
  const one = `${key}_one` as MessageKey
  const template = (params.count === 1 && one in catalogue ? catalogue[one] : catalogue[key]) ?? key
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name]
    if (value === undefined) return whole
    return typeof value === 'number' ? formatNumber(value) : value
  })
}

/** Whether `key` is a message (for keys built from data, such as city names). */
export function hasMessage(key: string): key is MessageKey {
  return key in en
}

/** A number in the interface language ("1,234" / "1,234"). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(current, options).format(value)
}

/**
 * The language of a piece of user data, when it differs from the page's: Chinese for text with
 * Han characters on an English page, English for Latin-only text on a Chinese page.
 */
export function langOf(text: string | null | undefined): string | undefined {
  if (!text) return undefined
  const han = /[\u3400-\u9fff\uf900-\ufaff]/.test(text)
  if (han) return current === 'zh-CN' ? undefined : 'zh'
  if (/[A-Za-z]/.test(text)) return current === 'en' ? undefined : 'en'
  return undefined
}

/** A category's name in the interface language (falling back to English, then the slug). */
export function categoryName(c: { slug: string; name?: string; name_en?: string | null; name_zh?: string | null } | undefined, slug = ''): string {
  if (!c) return slug
  return (current === 'zh-CN' ? c.name_zh : undefined) ?? c.name_en ?? c.name ?? c.slug
}

/**
 * Translates the page's static markup: `data-i18n="key"` sets the text, `data-i18n-attr=
 * "placeholder:key;aria-label:key"` sets attributes; `<html lang>` and the title follow.
 */
export function translateDocument(root: Document = document): void {
  root.documentElement.lang = current
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey)
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-attr]')) {
    for (const pair of (el.dataset.i18nAttr ?? '').split(';')) {
      const [attr, key] = pair.split(':')
      if (attr && key) el.setAttribute(attr, t(key as MessageKey))
    }
  }
  const title = root.querySelector<HTMLElement>('title[data-i18n]')
  if (title) root.title = title.textContent ?? ''
}

/** True when every English key has a Chinese message (also enforced by the type checker). */
export function missingKeys(): string[] {
  return Object.keys(en).filter((k) => !(k in zhCN))
}
