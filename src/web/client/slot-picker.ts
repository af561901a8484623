import { api, messageOf, rows } from './api'
import { h } from './dom'
import { formatTime } from './format'
import { t } from './i18n'
import { localDateIn } from './hours'

interface FreeSlot {
  start: string
  end: string
  remaining: number
}

/**
 * A day field and the free slots of one service on that day (GET /availability), as radio
 * buttons showing shop time. Only the offering's own grid is offered, so no time can be off it.
 * `onPick` receives the chosen slot's start (ISO with the shop's offset) or null.
 */
export function slotPicker(shop: { id: string; timezone: string }, offering: { id: string; name: string }, onPick: (start: string | null) => void): HTMLElement {
  const today = localDateIn(new Date(), shop.timezone)
  const day = h('input', { type: 'date', min: today, value: today, class: 'slot-day', 'aria-label': t('slots.day', { name: offering.name }) })
  const list = h('div', { class: 'slot-list', role: 'radiogroup', 'aria-label': t('slots.legend', { name: offering.name, timezone: shop.timezone }) })
  const status = h('p', { class: 'muted slot-status', 'aria-live': 'polite' })
  let sequence = 0

  async function load() {
    const mine = ++sequence
    onPick(null)
    list.replaceChildren()
    status.textContent = t('slots.loading')
    try {
      const slots = rows(await api<{ data: FreeSlot[] }>(`/v1/merchants/${encodeURIComponent(shop.id)}/availability?offering_id=${encodeURIComponent(offering.id)}&date=${encodeURIComponent(day.value)}`))
      if (mine !== sequence) return
      status.textContent = slots.length ? '' : t('slots.none')
      const name = `slot-${offering.id}`
      list.replaceChildren(
        ...slots.map((s) =>
          h(
            'label',
            { class: 'slot' },
            h('input', { type: 'radio', name, value: s.start, onchange: () => onPick(s.start) }),
            h('span', {}, formatTime(s.start, shop.timezone)),
          ),
        ),
      )
    } catch (err) {
      if (mine === sequence) status.textContent = t('slots.failed', { message: messageOf(err) })
    }
  }
  day.addEventListener('change', () => void load())
  void load()
  return h('fieldset', { class: 'slot-picker' }, h('legend', {}, t('slots.legend', { name: offering.name, timezone: shop.timezone })), day, status, list)
}
