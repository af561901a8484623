import { h } from '../dom'
import { dayName, type Shift } from '../hours'

const DEFAULT_HOURS: Shift[] = [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' }))

/**
 * Opening hours as editable rows (weekday, opens, closes). A closing time at or before the
 * opening time ends the next day, which the row says next to it.
 */
export function createHoursEditor(initial: Shift[] | undefined) {
  const list = h('ul', { class: 'hours-editor', 'aria-label': 'Opening hours' })
  const addRow = (shift: Shift) => {
    const day = h('select', { 'aria-label': 'Day' }, ...[0, 1, 2, 3, 4, 5, 6].map((i) => h('option', { value: String(i) }, dayName(i))))
    day.value = String(shift.day)
    const open = h('input', { type: 'time', value: shift.open, required: true, 'aria-label': 'Opens at' })
    const close = h('input', { type: 'time', value: shift.close, required: true, 'aria-label': 'Closes at' })
    const hint = h('span', { class: 'muted hint' })
    const update = () => {
      const overnight = close.value && open.value && close.value <= open.value
      hint.textContent = overnight ? (close.value === open.value ? '24 hours' : 'closes next day') : ''
    }
    open.addEventListener('input', update)
    close.addEventListener('input', update)
    update()
    const li = h(
      'li',
      { class: 'hours-row' },
      day,
      open,
      h('span', { 'aria-hidden': 'true' }, '–'),
      close,
      h('button', { type: 'button', class: 'link', onclick: () => li.remove() }, 'Remove'),
      hint,
    )
    list.append(li)
  }
  for (const shift of initial && initial.length ? initial : DEFAULT_HOURS) addRow(shift)
  const element = h(
    'fieldset',
    { class: 'stack' },
    h('legend', {}, 'Opening hours (shop time)'),
    h('p', { class: 'muted' }, 'One row per opening. A closing time before the opening time means the shop closes after midnight.'),
    list,
    h('button', { type: 'button', onclick: () => addRow({ day: 1, open: '09:00', close: '18:00' }) }, 'Add opening hours'),
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
