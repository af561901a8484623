import { api, messageOf } from './api'
import type { components } from './api-types.gen'
import type { Session } from './auth'
import { announce, h } from './dom'
import { t } from './i18n'
import { interestName, loadInterests } from './interest-names'

type Interests = components['schemas']['Interests']

/**
 * The profile's "Interests" dialog: pick interests from the vocabulary, see the ones inferred from
 * your history, switch personalisation off, clear your history.
 */
export function createInterestsDialog(onChange: () => void) {
  const choices = h('fieldset', { class: 'interests-choices' })
  const inferred = h('p', { class: 'muted' })
  const personalise = h('input', { type: 'checkbox', id: 'personalisation' })
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'interests-title', class: 'interests-dialog' },
    h('h2', { id: 'interests-title' }, t('interests.title')),
    h('p', {}, t('interests.intro')),
    choices,
    inferred,
    h('label', { class: 'toggle' }, personalise, ` ${t('interests.personalisation')}`),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', onclick: () => void save() }, t('interests.save')),
      h('button', { type: 'button', onclick: () => void clearHistory() }, t('interests.clearHistory')),
      h('button', { type: 'button', onclick: () => dialog.close() }, t('interests.close'))),
  )
  document.body.append(dialog)
  let session: Session | undefined

  function show(mine: Interests) {
    inferred.textContent = mine.inferred.length ? t('interests.inferred', { tags: mine.inferred.map((i) => interestName(i.tag)).join(t('interests.separator')) }) : ''
    personalise.checked = mine.personalisation
    for (const box of choices.querySelectorAll('input')) box.checked = mine.chosen.includes(box.value)
  }

  async function save() {
    if (!session) return
    try {
      const tags = [...choices.querySelectorAll('input')].filter((b) => b.checked).map((b) => b.value)
      show(await api<Interests>('/v1/me/interests', { method: 'PUT', token: session.token, body: tags }))
      await api('/v1/me', { method: 'PATCH', token: session.token, body: { personalisation: personalise.checked } })
      announce(t('interests.saved'))
      onChange()
    } catch (err) {
      announce(messageOf(err), 'error')
    }
  }

  async function clearHistory() {
    if (!session) return
    try {
      await api('/v1/me/history', { method: 'DELETE', token: session.token })
      show(await api<Interests>('/v1/me/interests', { token: session.token }))
      announce(t('interests.cleared'))
      onChange()
    } catch (err) {
      announce(messageOf(err), 'error')
    }
  }

  return {
    async open(s: Session) {
      session = s
      try {
        const [vocab, mine] = await Promise.all([loadInterests(), api<Interests>('/v1/me/interests', { token: s.token })])
        choices.replaceChildren(...vocab.map((v) => h('label', {}, h('input', { type: 'checkbox', value: v.tag }), ` ${interestName(v.tag)}`)))
        show(mine)
        dialog.showModal()
      } catch (err) {
        announce(messageOf(err), 'error')
      }
    },
  }
}
