import { AdminApi, ApiError } from '../api.js'
import { h } from '../dom.js'

/** Why a token was refused, in words an operator can act on. */
export function signInMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401)
      return 'That admin token was not accepted. Check that you copied all of it and that it has not been revoked.'
    if (err.status === 403) return 'That token is valid but lacks the "read" scope the dashboard needs.'
    if (err.code === 'NETWORK')
      return 'The license server could not be reached. Check that it is running, then try again.'
    return `Sign-in failed: ${err.message}`
  }
  return 'Sign-in failed for an unexpected reason. Reload the page and try again.'
}

/**
 * The sign-in form. The token is checked with one read call before it is kept; `message` shows
 * why the previous session ended (e.g. the token was revoked meanwhile).
 */
export function signInView(
  onSignedIn: (api: AdminApi, token: string) => void,
  message?: string,
): HTMLElement {
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'token-help sign-in-error',
  }) as HTMLInputElement
  const error = h('p', { id: 'sign-in-error', class: 'form-error', role: 'alert' }, message ?? '')
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in') as HTMLButtonElement
  const form = h(
    'form',
    { class: 'sign-in', novalidate: true },
    h('h1', {}, 'Tessera operator dashboard'),
    h('label', { for: 'token' }, 'Admin token'),
    input,
    h(
      'p',
      { id: 'token-help', class: 'help' },
      'Kept in this tab only (session storage) and sent only to this server.',
    ),
    error,
    button,
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const token = input.value.trim()
    if (!token) {
      error.textContent = 'Paste an admin token to sign in.'
      input.focus()
      return
    }
    button.disabled = true
    button.textContent = 'Signing in…'
    error.textContent = ''
    const api = new AdminApi(token)
    try {
      await api.get('/v1/admin/stats')
      onSignedIn(api, token)
    } catch (err) {
      error.textContent = signInMessage(err)
      input.select()
      input.focus()
    } finally {
      button.disabled = false
      button.textContent = 'Sign in'
    }
  })
  return h('main', { id: 'main', class: 'sign-in-page' }, form)
}
