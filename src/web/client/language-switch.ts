import { locale, switchLocale, t } from './i18n'

/** The language switch in a page's header: one button naming the other language, remembered. */
export function mountLanguageSwitch(button: HTMLButtonElement): void {
  button.textContent = t('lang.switch')
  button.setAttribute('aria-label', t('lang.switchLabel'))
  button.lang = locale() === 'en' ? 'zh-CN' : 'en'
  button.addEventListener('click', () => switchLocale(locale() === 'en' ? 'zh-CN' : 'en'))
}
