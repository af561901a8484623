type Child = Node | string | null | undefined | false
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>

/**
 * Creates an element: `h('button', { class: 'x', onclick: fn }, 'Label')`. Attributes named
 * `on…` become listeners; `true` sets a boolean attribute, `false`/null leaves it out.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value)
    else if (value === true) el.setAttribute(name, '')
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value))
  }
  for (const child of children) if (child) el.append(child)
  return el
}

/** The element with this id; throws if the page lacks it (a build mistake, not a user error). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id)
  if (!el) throw new Error(`missing #${id}`)
  return el as T
}

/**
 * Shows a status message in the page's live region (#status), read out by screen readers.
 * `kind` colours it; errors stay until replaced, others fade after a while.
 */
export function announce(message: string, kind: 'info' | 'success' | 'error' = 'info'): void {
  const region = byId('status')
  region.textContent = message
  region.dataset.kind = kind
  region.hidden = false
  window.clearTimeout(Number(region.dataset.timer))
  if (kind !== 'error') region.dataset.timer = String(window.setTimeout(() => (region.hidden = true), 6000))
}

/** Hides the live-region message (when a newer, inline message supersedes it). */
export function clearAnnouncement(): void {
  byId('status').hidden = true
}

/** Calls `fn` once calls stop for `ms` milliseconds. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: number | undefined
  return (...args: A) => {
    window.clearTimeout(timer)
    timer = window.setTimeout(() => fn(...args), ms)
  }
}

/** Shows `message` inside a form's error slot (role=alert), or clears it. */
export function formError(form: HTMLElement, message: string | null): void {
  const slot = form.querySelector<HTMLElement>('.form-error')
  if (!slot) return
  // A new error supersedes an earlier toast ("Saved") that would otherwise sit beside it.
  if (message) clearAnnouncement()
  slot.textContent = message ?? ''
  slot.hidden = !message
}

let fieldIds = 0
/**
 * A labelled form control: `<label for>` plus the control (and a hint it is described by).
 * Explicit labels keep a select's options out of its accessible name.
 */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  control.id ||= `f${++fieldIds}`
  const hintEl = hint ? h('span', { class: 'muted hint', id: `${control.id}-hint` }, hint) : null
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id)
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl)
}
