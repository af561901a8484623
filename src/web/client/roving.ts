/**
 * Makes `container` one composite widget: only the pressed (or first) item is in the Tab order,
 * and arrow keys, Home and End move between the items matching `selector`.
 */
export function rovingToolbar(container: HTMLElement, selector: string): void {
  const items = () => Array.from(container.querySelectorAll<HTMLElement>(selector))
  const settle = (active?: HTMLElement) => {
    const all = items()
    const current = active ?? all.find((b) => b.getAttribute('aria-pressed') === 'true') ?? all[0]
    for (const b of all) b.tabIndex = b === current ? 0 : -1
  }
  settle()
  if (container.dataset.roving) return
  container.dataset.roving = 'on'
  container.addEventListener('click', (e) => {
    const target = (e.target as HTMLElement).closest<HTMLElement>(selector)
    if (target) settle(target)
  })
  container.addEventListener('keydown', (e) => {
    const all = items()
    const at = all.indexOf(document.activeElement as HTMLElement)
    if (at < 0) return
    const next = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[e.key]
    if (next === undefined) return
    e.preventDefault()
    const target = all[(next + all.length) % all.length]
    if (!target) return
    settle(target)
    target.focus()
  })
}
