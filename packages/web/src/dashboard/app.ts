import { type AdminApi, ApiError } from './api.js'
import { h } from './dom.js'
import { clearToken } from './session.js'
import { errorBox } from './ui.js'
import { auditView } from './views/audit.js'
import { deviceDetailView } from './views/device-detail.js'
import { licenseDetailView } from './views/license-detail.js'
import { licensesView } from './views/licenses.js'
import { overviewView } from './views/overview.js'
import { policiesView } from './views/policies.js'

/** What every view gets: the API, navigation and a way to tell the operator something happened. */
export interface ViewContext {
  api: AdminApi
  params: URLSearchParams
  navigate(hash: string): void
  /** Announces a completed action in the polite live region. */
  notify(message: string): void
  /** Re-renders the current route. */
  refresh(): void
}

type Route = { view: (ctx: ViewContext, id?: string) => Promise<HTMLElement>; title: string; nav: string }

const NAV = [
  { hash: '#/', label: 'Overview' },
  { hash: '#/licenses', label: 'Licenses & devices' },
  { hash: '#/policies', label: 'Policies' },
  { hash: '#/audit', label: 'Audit log' },
]

function route(path: string): { route: Route; id?: string } {
  const [, first = '', id] = path.split('/')
  switch (first) {
    case 'licenses':
      return id
        ? {
            route: { view: licenseDetailView, title: 'License', nav: '#/licenses' },
            id: decodeURIComponent(id),
          }
        : { route: { view: licensesView, title: 'Licenses', nav: '#/licenses' } }
    case 'devices':
      return {
        route: { view: deviceDetailView, title: 'Device', nav: '#/licenses' },
        id: decodeURIComponent(id ?? ''),
      }
    case 'policies':
      return { route: { view: policiesView, title: 'Policies', nav: '#/policies' } }
    case 'audit':
      return { route: { view: auditView, title: 'Audit log', nav: '#/audit' } }
    default:
      return { route: { view: overviewView, title: 'Overview', nav: '#/' } }
  }
}

/**
 * The signed-in shell: header, navigation, a live region for notices and the routed view.
 * A 401 from any call ends the session (the token was revoked meanwhile) and returns to sign-in.
 */
export function startApp(
  root: HTMLElement,
  api: AdminApi,
  onSignedOut: (message?: string) => void,
): () => void {
  const notice = h('div', { id: 'notice', class: 'notice', role: 'status', 'aria-live': 'polite' })
  const main = h('main', { id: 'main', tabindex: '-1' })
  const links = NAV.map((item) => h('a', { href: item.hash }, item.label) as HTMLAnchorElement)
  const signOut = () => {
    clearToken()
    onSignedOut('Signed out.')
  }
  const header = h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: '#/' }, 'Tessera'),
    h('nav', { 'aria-label': 'Sections' }, links),
    h('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: signOut }, 'Sign out'),
  )
  root.replaceChildren(h('a', { class: 'skip', href: '#main' }, 'Skip to content'), header, notice, main)
  let generation = 0

  /** After a re-render, focus goes back to the control with the same id, else to the content. */
  const refocus = (id: string | undefined) => {
    const again = id ? document.getElementById(id) : null
    if (again && main.contains(again)) again.focus()
    else main.focus({ preventScroll: true })
  }

  const render = async () => {
    const hash = location.hash.replace(/^#/, '') || '/'
    const [path = '/', query = ''] = hash.split('?')
    const { route: r, id } = route(path)
    for (const link of links) {
      if (link.getAttribute('href') === r.nav) link.setAttribute('aria-current', 'page')
      else link.removeAttribute('aria-current')
    }
    document.title = `${r.title} · Tessera`
    const mine = ++generation
    main.setAttribute('aria-busy', 'true')
    const ctx: ViewContext = {
      api,
      params: new URLSearchParams(query),
      navigate: (to) => {
        if (location.hash === to) void render()
        else location.hash = to
      },
      notify: (message) => {
        notice.textContent = message
      },
      refresh: () => {
        const focused = document.activeElement
        const id = focused instanceof HTMLElement && main.contains(focused) ? focused.id : undefined
        void render().then(() => {
          if (!document.activeElement || document.activeElement === document.body) refocus(id)
        })
      },
    }
    let content: HTMLElement
    try {
      content = await r.view(ctx, id)
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        clearToken()
        onSignedOut('Your session ended: the admin token is no longer accepted. Sign in again.')
        return
      }
      content = h('div', {}, h('h1', {}, r.title), errorBox(err))
    }
    if (mine !== generation) return
    main.replaceChildren(content)
    main.removeAttribute('aria-busy')
  }
  const onHash = () => {
    notice.textContent = ''
    void render().then(() => main.focus({ preventScroll: true }))
  }
  window.addEventListener('hashchange', onHash)
  void render()
  return () => window.removeEventListener('hashchange', onHash)
}
