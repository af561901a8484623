import { h } from '../dom'
import { formatNumber, t } from '../i18n'
import { RATINGS, type Rating } from './types'

/** Read-only stars, e.g. "★★★★☆", with the number as its accessible name. */
export function starsView(rating: number, size: 'small' | 'large' = 'small'): HTMLElement {
  const full = Math.round(rating)
  return h('span', { class: `stars ${size}`, role: 'img', 'aria-label': t('stars.of5', { rating: formatNumber(Number(rating), { maximumFractionDigits: 1 }) }) }, '★'.repeat(full) + '☆'.repeat(5 - full))
}

const word = (n: Rating) => t(`stars.word.${n}`)

/**
 * A 1–5 star picker built from real radio buttons in a fieldset (arrow keys move between them,
 * screen readers announce "4 stars, Very good"). `value()` is null until one is chosen.
 */
export function starPicker(name: string, initial: Rating | null = null) {
  const labelText = h('span', { class: 'muted star-word', 'aria-hidden': 'true' }, initial ? word(initial) : t('stars.tap'))
  const group = h('div', { class: 'star-picker' })
  // Visually left-to-right 1…5; CSS colours every star up to the checked or hovered one.
  for (const n of [...RATINGS].reverse()) {
    // The radio covers its star (transparent), so a click or tap lands on the real control.
    const input = h('input', { type: 'radio', name, value: String(n), required: true, checked: initial === n })
    input.addEventListener('change', () => {
      labelText.textContent = word(n)
      group.dataset.value = String(n)
    })
    group.append(h('label', { title: word(n) }, input, h('span', { 'aria-hidden': 'true' }, '★'), h('span', { class: 'visually-hidden' }, t('stars.option', { count: n, word: word(n) }))))
  }
  if (initial) group.dataset.value = String(initial)
  const fieldset = h('fieldset', { class: 'star-field' }, h('legend', {}, t('stars.legend')), h('div', { class: 'row' }, group, labelText))
  return {
    element: fieldset,
    value(): Rating | null {
      const checked = fieldset.querySelector<HTMLInputElement>('input:checked')
      return checked ? (Number(checked.value) as Rating) : null
    },
    focus() {
      fieldset.querySelector<HTMLInputElement>('input')?.focus()
    },
  }
}
