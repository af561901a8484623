import { api, messageOf, type User } from './api'
import { announce, field, formError, h } from './dom'
import { langOf, t } from './i18n'

type Role = User['role']
export interface Session {
  token: string
  user: User
}

const key = (role: Role) => `o2o.session.${role}`
/** Fired on window whenever this page's session starts or ends. */
const SESSION_EVENT = 'o2o-session'

/** The signed-in session for this page's role, if any (kept in localStorage). */
export function currentSession(role: Role): Session | null {
  try {
    const s = JSON.parse(localStorage.getItem(key(role)) ?? 'null') as Session | null
    return s?.token && s.user?.role === role ? s : null
  } catch {
    return null
  }
}

/** Forgets the session (sign out, or after the server rejected the token). */
export function signOut(role: Role): void {
  localStorage.removeItem(key(role))
  window.dispatchEvent(new Event(SESSION_EVENT))
}

/**
 * A sign-in / register dialog for `role`. `open()` resolves with the session once the person
 * signs in, or null when they close the dialog.
 */
export function createAuthDialog(role: Role) {
  let mode: 'login' | 'register' = 'login'
  let settle: ((s: Session | null) => void) | undefined

  const nameRow = field(t('auth.name'), h('input', { name: 'name', autocomplete: 'name', maxlength: 100 }))
  const passwordRow = field(t('auth.password'), h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, minlength: 10 }), t('auth.passwordHint'))
  const title = h('h2', { id: `auth-title-${role}` })
  const submit = h('button', { type: 'submit', class: 'primary' })
  const toggle = h('button', { type: 'button', class: 'link' })
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    title,
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    nameRow,
    field(t('auth.email'), h('input', { name: 'email', type: 'email', autocomplete: 'email', required: true })),
    passwordRow,
    h('div', { class: 'row' }, submit, h('button', { type: 'button', onclick: () => dialog.close() }, t('auth.cancel'))),
    toggle,
  )
  const dialog = h('dialog', { class: 'auth-dialog', 'aria-labelledby': title.id }, form)
  document.body.append(dialog)

  function render() {
    title.textContent = mode === 'login' ? t(`auth.titleLogin.${role}`) : t(`auth.titleRegister.${role}`)
    submit.textContent = mode === 'login' ? t('auth.signIn') : t('auth.createAccount')
    toggle.textContent = mode === 'login' ? t('auth.toRegister') : t('auth.toLogin')
    nameRow.hidden = mode === 'login'
    ;(passwordRow.querySelector('.hint') as HTMLElement).hidden = mode === 'login'
    const pw = form.elements.namedItem('password') as HTMLInputElement
    pw.autocomplete = mode === 'login' ? 'current-password' : 'new-password'
    formError(form, null)
  }
  toggle.addEventListener('click', () => {
    mode = mode === 'login' ? 'register' : 'login'
    render()
    // Keyboard users land on the first field of the form they switched to.
    ;(form.elements.namedItem(mode === 'login' ? 'email' : 'name') as HTMLInputElement).focus()
  })
  dialog.addEventListener('close', () => settle?.(null))

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const data = new FormData(form)
    const email = String(data.get('email') ?? '').trim()
    const password = String(data.get('password') ?? '')
    const name = String(data.get('name') ?? '').trim()
    if (!email || !password) return formError(form, t('auth.needBoth'))
    if (mode === 'register' && password.length < 10) return formError(form, t('auth.shortPassword'))
    if (mode === 'register' && !name) return formError(form, t('auth.needName'))
    submit.disabled = true
    try {
      const path = mode === 'login' ? '/v1/auth/login' : '/v1/auth/register'
      const body = mode === 'login' ? { email, password } : { email, password, name, role }
      const session = await api<Session>(path, { method: 'POST', body })
      if (session.user.role !== role) {
        formError(form, t(`auth.wrongRole.${role}`))
        return
      }
      localStorage.setItem(key(role), JSON.stringify(session))
      window.dispatchEvent(new Event(SESSION_EVENT))
      announce(t('auth.signedIn', { name: session.user.name || session.user.email }), 'success')
      const done = settle
      settle = undefined
      dialog.close()
      done?.(session)
    } catch (err) {
      formError(form, messageOf(err))
    } finally {
      submit.disabled = false
    }
  })

  return {
    open(start: 'login' | 'register' = 'login'): Promise<Session | null> {
      mode = start
      render()
      form.reset()
      dialog.showModal()
      ;(form.elements.namedItem(mode === 'login' ? 'email' : 'name') as HTMLInputElement).focus()
      return new Promise((resolve) => {
        settle = (s) => {
          settle = undefined
          resolve(s)
        }
      })
    },
  }
}

/**
 * Wires the header's account area (#account): a "Sign in" button, or the person's name with a
 * "Sign out" button. `onChange` runs after either.
 */
export function mountAccountArea(role: Role, dialog: ReturnType<typeof createAuthDialog>, onChange: (s: Session | null) => void, extra?: () => Node[]) {
  const area = document.getElementById('account') as HTMLElement
  const render = () => {
    const session = currentSession(role)
    area.replaceChildren()
    if (!session) {
      area.append(
        h('button', { type: 'button', onclick: () => dialog.open('login').then((s) => s && (render(), onChange(s))) }, t('auth.signIn')),
        h('button', { type: 'button', class: 'primary', onclick: () => dialog.open('register').then((s) => s && (render(), onChange(s))) }, t('auth.register')),
      )
    } else {
      area.append(
        ...(extra?.() ?? []),
        h('span', { class: 'who', title: session.user.email, lang: langOf(session.user.name) }, session.user.name || session.user.email),
        h('button', { type: 'button', onclick: () => (signOut(role), render(), onChange(null), announce(t('auth.signedOut'))) }, t('auth.signOut')),
      )
    }
  }
  render()
  window.addEventListener(SESSION_EVENT, render)
  return { render }
}
