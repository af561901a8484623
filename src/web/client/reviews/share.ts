import { announce, h } from '../dom'
import { t } from '../i18n'

/** `share_url` (an absolute path) as a full link on this site. */
export function absoluteUrl(path: string): string {
  return new URL(path, location.origin).href
}

/**
 * Copies `text` to the clipboard: the async Clipboard API where the page may use it, else a
 * hidden textarea and execCommand (older browsers, plain-http pages). Resolves whether it worked.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Permission refused or not focused: try the old way below.
  }
  const area = h('textarea', { readonly: true, 'aria-hidden': 'true', class: 'copy-buffer' })
  area.value = text
  document.body.append(area)
  area.select()
  let ok = false
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  area.remove()
  return ok
}

/**
 * A "Share" button that copies the link and says so; when copying is impossible it shows the
 * link in a prompt-free way (selected text) so the person can copy it by hand.
 */
export function shareButton(sharePath: string, label: string, accessibleName?: string): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'share', 'aria-label': accessibleName ?? null, 'data-share-url': sharePath }, label)
  button.addEventListener('click', async () => {
    const url = absoluteUrl(sharePath)
    button.dataset.url = url
    if (await copyText(url)) {
      announce(t('share.copied'), 'success')
      return
    }
    const shown = h('input', { class: 'share-fallback', readonly: true, value: url, 'aria-label': t('share.linkLabel') })
    button.replaceWith(shown)
    shown.select()
    announce(t('share.blocked'), 'info')
  })
  return button
}
