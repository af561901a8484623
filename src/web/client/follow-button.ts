import { api, messageOf } from './api'
import { currentSession, type Session } from './auth'
import { announce, h } from './dom'
import { t } from './i18n'

interface FollowState {
  merchant_id: string
  following: boolean
  follower_count: number
}

const countText = (n: number) => t('follow.count', { count: n })

/**
 * Follow / Following toggle with the storefront's follower count. Signed out, it asks the
 * person to sign in first (`signIn`); the count is the one the server answers, never guessed.
 */
export function followButton(merchantId: string, initialCount: number, signIn: (why: string) => Promise<Session | null>): HTMLElement {
  let state: FollowState = { merchant_id: merchantId, following: false, follower_count: initialCount }
  const button = h('button', { type: 'button', class: 'follow-button', 'aria-pressed': 'false' }, t('follow.follow'))
  const count = h('span', { class: 'muted follower-count' }, countText(initialCount))
  const show = () => {
    button.textContent = state.following ? t('follow.following') : t('follow.follow')
    button.setAttribute('aria-pressed', String(state.following))
    count.textContent = countText(state.follower_count)
  }
  const path = `/v1/merchants/${encodeURIComponent(merchantId)}/follow`
  const session = currentSession('consumer')
  if (session) void api<FollowState>(path, { token: session.token }).then((s) => ((state = s), show()), () => undefined)
  button.addEventListener('click', async () => {
    const who = currentSession('consumer') ?? (await signIn(t('follow.signInWhy')))
    if (!who) return
    button.disabled = true
    try {
      state = await api<FollowState>(path, { method: state.following ? 'DELETE' : 'PUT', token: who.token })
      show()
      announce(state.following ? t('follow.now') : t('follow.stopped'), 'success')
    } catch (err) {
      announce(messageOf(err), 'error')
    } finally {
      button.disabled = false
    }
  })
  return h('p', { class: 'row wrap follow-row' }, button, count)
}
