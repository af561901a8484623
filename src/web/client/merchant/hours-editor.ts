import { h } from '../dom'
import { dayName, type Shift } from '../hours'
import { t } from '../i18n'

const DEFAULT_HOURS: Shift[] = [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' }))

/**
 * Opening hours as editable rows (weekday, opens, closes). A closing time at or before the
 * opening time ends the next day, which the row says next to it.
 */
export function createHoursEditor(initial: Shift[] | undefined) {
  const list = h('ul', { class: 'hours-editor', 'aria-label': t('hoursEditor.label') })
  let rows = 0
  const addRow = (shift: Shift) => {
    const n = ++rows
    const day = h('select', { 'aria-label': t('hoursEditor.day') }, ...[0, 1, 2, 3, 4, 5, 6].map((i) => h('option', { value: String(i) }, dayName(i))))
    day.value = String(shift.day)
    const open = h('input', { type: 'time', value: shift.open, required: true, step: 300, class: 'time-input' })
    const close = h('input', { type: 'time', value: shift.close, required: true, step: 300, class: 'time-input' })
    const hint = h('span', { class: 'muted hint' })
    const update = () => {
      const overnight = close.value && open.value && close.value <= open.value
      hint.textContent = overnight ? (close.value === open.value ? t('hoursEditor.allDay') : t('hoursEditor.nextDay')) : ''
    }
    open.addEventListener('input', update)
    close.addEventListener('input', update)
    update()
    const li = h(
      'li',
      { class: 'hours-row' },
      day,
      // Visible labels: on a phone the two times stack under the day, each a full-size control.
      h('label', { class: 'time-field' }, h('span', { class: 'muted' }, t('hoursEditor.opens')), open),
      h('label', { class: 'time-field' }, h('span', { class: 'muted' }, t('hoursEditor.closes')), close),
      h('button', { type: 'button', class: 'link', 'aria-label': t('hoursEditor.removeLabel', { n }), onclick: () => li.remove() }, t('hoursEditor.remove')),
      hint,
    )
    list.append(li)
  }
  for (const shift of initial && initial.length ? initial : DEFAULT_HOURS) addRow(shift)
  const element = h(
    'fieldset',
    { class: 'stack' },
    h('legend', {}, t('hoursEditor.legend')),
    h('p', { class: 'muted' }, t('hoursEditor.help')),
    list,
    h('button', { type: 'button', onclick: () => addRow({ day: 1, open: '09:00', close: '18:00' }) }, t('hoursEditor.add')),
  )
  return {
    element,
    value(): Shift[] {
      return [...list.querySelectorAll('li')].map((li) => {
        const [day, open, close] = li.querySelectorAll<HTMLInputElement | HTMLSelectElement>('select, input')
        return { day: Number(day?.value), open: open?.value.slice(0, 5) ?? '', close: close?.value.slice(0, 5) ?? '' }
      })
    },
  }
}
