import { h } from './dom'
import { formatMoney, minorDigits, parseMoney } from './format'
import { t } from './i18n'
// The server's own pure share maths, so the preview shows exactly the amounts the order will have.
import { chargeStep } from '../../money/currencies'
import { equalShares } from '../../splits/share-amounts'

/** What POST /v1/orders takes as `split`: equal shares, or custom amounts adding up to the total. */
export type SplitChoice = { shares: number } | { amounts_cents: number[] }

/**
 * "Split the bill" in checkout: off by default; on, the person picks how many people (2–20,
 * themselves included) and equal shares or custom amounts. Each friend then pays their own share
 * by card or at the counter. `onChange` runs whenever the choice changes.
 */
export function splitBill(onChange: () => void) {
  let totalCents = 0
  let currency = 'USD'
  const on = h('input', { type: 'checkbox', class: 'split-toggle' })
  const people = h('input', { type: 'number', min: 2, max: 20, value: 2, inputmode: 'numeric', class: 'qty split-people' })
  const modeRadio = (value: string, label: string, checked: boolean) =>
    h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'split_mode', value, checked, onchange: changed }), label)
  const equal = modeRadio('equal', t('split.equal'), true)
  const custom = modeRadio('custom', t('split.custom'), false)
  const amounts = h('ul', { class: 'split-amounts', hidden: true })
  const summary = h('p', { class: 'muted split-summary', 'aria-live': 'polite' })
  const details = h(
    'div',
    { class: 'stack split-details', hidden: true },
    h('label', { class: 'qty-label' }, t('split.people'), people),
    h('div', { class: 'row wrap', role: 'radiogroup', 'aria-label': t('split.how') }, equal, custom),
    amounts,
    summary,
  )
  const element = h(
    'fieldset',
    { class: 'split-bill', hidden: true },
    h('legend', {}, t('split.legend')),
    h('label', { class: 'radio' }, on, t('split.toggle')),
    details,
  )
  const count = () => Math.min(20, Math.max(2, Math.floor(Number(people.value) || 2)))
  const isCustom = () => (custom.querySelector('input') as HTMLInputElement).checked

  // A different split is a different order: the form takes a new checkout attempt (and repaints us).
  function changed() {
    onChange()
  }

  function paint() {
    details.hidden = !on.checked
    amounts.hidden = !isCustom()
    const n = count()
    if (isCustom()) {
      // Keep what was typed; add or drop rows to match the number of people.
      const starts = equalShares(totalCents, n, chargeStep(currency))
      while (amounts.children.length < n) {
        const i = amounts.children.length
        const input = h('input', { type: 'text', inputmode: 'decimal', class: 'split-amount', value: ((starts[i] ?? 0) / 10 ** minorDigits(currency)).toFixed(minorDigits(currency)), oninput: changed })
        amounts.append(h('li', {}, h('label', {}, i === 0 ? t('split.yourAmount') : t('split.friendAmount', { n: i }), input)))
      }
      while (amounts.children.length > n) amounts.lastElementChild?.remove()
      const typed = read()
      const sum = typed.reduce<number>((a, b) => a + (b ?? 0), 0)
      summary.textContent = t('split.addsUp', { sum: formatMoney(sum, currency), total: formatMoney(totalCents, currency) })
    } else {
      const shares = equalShares(totalCents, n, chargeStep(currency))
      summary.textContent = t('split.equalSummary', { n, share: formatMoney(shares[shares.length - 1] ?? 0, currency), yours: formatMoney(shares[0] ?? 0, currency) })
    }
  }
  const read = () => [...amounts.querySelectorAll<HTMLInputElement>('input')].map((i) => parseMoney(i.value, currency))
  on.addEventListener('change', changed)
  people.addEventListener('input', changed)

  return {
    element,
    /** Offered only where cards are taken (each share is its own card payment or cash at the counter). */
    enable() {
      element.hidden = false
    },
    active: () => on.checked && !element.hidden,
    /** Called with the cart's total whenever it changes. */
    update(cents: number, cur: string) {
      // A new total makes typed custom amounts meaningless: start again from equal shares.
      if (cents !== totalCents || cur !== currency) amounts.replaceChildren()
      totalCents = cents
      currency = cur
      paint()
    },
    /** The `split` to send, null when not splitting, or a sentence saying what to fix. */
    choice(): SplitChoice | null | { problem: string } {
      if (!on.checked || element.hidden) return null
      if (!isCustom()) return { shares: count() }
      const typed = read()
      if (typed.some((a) => a === undefined || a < 1)) return { problem: t('split.badAmount') }
      const sum = (typed as number[]).reduce((a, b) => a + b, 0)
      if (sum !== totalCents) return { problem: t('split.mustAddUp', { total: formatMoney(totalCents, currency) }) }
      return { amounts_cents: typed as number[] }
    },
  }
}
