import { h } from './dom'
import { langOf, t } from './i18n'
import type { MapItem } from './map'

/**
 * The map's list alternative: what the map shows right now (clusters to zoom into, shops to
 * open) as plain buttons, for people who cannot use the map itself.
 */
export function mountMapList(details: HTMLDetailsElement): (items: MapItem[]) => void {
  const summary = h('summary', {})
  const list = h('ul', { class: 'map-list-items' })
  details.replaceChildren(summary, list)
  return (items) => {
    summary.textContent = t('map.listSummary', { count: items.length })
    list.replaceChildren(
      ...(items.length
        ? items.map((item) =>
            h(
              'li',
              {},
              h('button', { type: 'button', class: 'link', 'data-kind': item.kind, lang: item.kind === 'shop' ? langOf(item.name) : undefined, onclick: item.activate }, item.name),
            ),
          )
        : [h('li', { class: 'muted' }, t('map.listEmpty'))]),
    )
  }
}
