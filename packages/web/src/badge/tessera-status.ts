import { BADGE_CSS, iconSvg } from './badge-styles.js'
import { type Catalogue, fill, getCatalogue, onCatalogueChange } from './catalogue.js'
import { formatDeadline, formatFull } from './deadline-format.js'
import {
  type BadgeStatus,
  isLicenseState,
  isStatusLike,
  parseStatusAttribute,
  toneOf,
} from './status-model.js'

/** Detail of the `tessera-action` event: the id of the action the user chose. */
export interface TesseraActionDetail {
  id: string
}

// Importing the module outside a browser (SSR, Electron's main process, Node tests) must not throw.
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement

/**
 * `<tessera-status>`: shows a license status model calmly and accessibly. Feed it with the
 * `status` property (an object) or the `status` attribute (JSON). Clicking an action dispatches
 * a bubbling, composed `tessera-action` CustomEvent whose detail is `{ id }`.
 * The text sits in a polite live region (`role="status"`); the buttons sit outside it, so a
 * screen reader announces changes of state, not the button labels.
 */
export class TesseraStatus extends Base {
  static readonly observedAttributes = ['status', 'lang']

  #status: BadgeStatus | undefined
  #catalogue: Catalogue | undefined
  #locale: string | undefined
  #timeZone: string | undefined
  #now: (() => number) | undefined
  #unsubscribe: (() => void) | undefined
  readonly #root: ShadowRoot
  readonly #badge: HTMLElement
  readonly #live: HTMLElement
  readonly #actions: HTMLElement

  constructor() {
    super()
    this.#root = this.attachShadow({ mode: 'open' })
    adoptStyles(this.#root)
    this.#badge = el('div', 'badge', { part: 'badge' })
    this.#live = el('div', 'live', { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' })
    this.#actions = el('div', 'actions', { part: 'actions' })
    this.#badge.append(this.#live, this.#actions)
    this.#root.append(this.#badge)
    this.#actions.addEventListener('click', (event) => this.#onClick(event))
  }

  /** The status model; setting it re-renders. */
  get status(): BadgeStatus | undefined {
    return this.#status ?? parseStatusAttribute(this.getAttribute('status'))
  }
  set status(value: BadgeStatus | undefined) {
    this.#status = isStatusLike(value) ? value : undefined
    this.#render()
  }

  /** This element's catalogue; default: the page-wide one (`setCatalogue`). */
  get catalogue(): Catalogue {
    return this.#catalogue ?? getCatalogue()
  }
  set catalogue(value: Catalogue | undefined) {
    this.#catalogue = value
    this.#render()
  }

  /** BCP 47 locale of dates; default: the nearest `lang` attribute, else the catalogue's. */
  get locale(): string {
    return this.#locale ?? this.closest('[lang]')?.getAttribute('lang') ?? this.catalogue.locale
  }
  set locale(value: string | undefined) {
    this.#locale = value
    this.#render()
  }

  /** IANA time zone of dates; default: the runtime's. */
  set timeZone(value: string | undefined) {
    this.#timeZone = value
    this.#render()
  }

  /** Clock in epoch milliseconds (injected for reproducible renders); default `Date.now`. */
  set now(value: (() => number) | undefined) {
    this.#now = value
    this.#render()
  }

  connectedCallback(): void {
    this.#unsubscribe ??= onCatalogueChange(() => this.#render())
    this.#render()
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
  }

  attributeChangedCallback(): void {
    this.#render()
  }

  #onClick(event: Event): void {
    const button = (event.target as Element | null)?.closest('button')
    const id = button?.dataset.action
    if (!id) return
    this.dispatchEvent(
      new CustomEvent<TesseraActionDetail>('tessera-action', {
        detail: { id },
        bubbles: true,
        composed: true,
      }),
    )
  }

  #render(): void {
    const cat = this.catalogue
    const status = this.status ?? { state: 'unknown' }
    this.#badge.dataset.tone = toneOf(status)
    this.#badge.dataset.state = status.state
    this.#live.setAttribute('aria-label', cat.label)
    const icon = el('span', 'icon', { 'aria-hidden': 'true' })
    icon.innerHTML = iconSvg(toneOf(status))
    const text = el('div', 'text')
    text.append(...this.#lines(status, cat))
    replaceIfChanged(this.#live, [icon, text])
    replaceIfChanged(this.#actions, buttons(status, cat))
  }

  /**
   * The text lines. By default every line comes from the catalogue (per-state sentences, the
   * deadline once, the renewal-pending line); with `modelText` the SDK's headline and detail
   * replace them, and the badge adds no date of its own (the SDK's text carries it).
   */
  #lines(status: BadgeStatus, cat: Catalogue): Node[] {
    const texts = isLicenseState(status.state) ? cat.states[status.state] : { ...cat.unknown, detail: '' }
    const sdk = cat.modelText && Boolean(status.headline)
    const top = el('div', 'top')
    top.append(
      el('span', 'chip', {}, texts.label),
      el('p', 'headline', {}, sdk ? status.headline : texts.headline),
    )
    const lines: Node[] = [top]
    const detail = sdk ? status.detail : texts.detail
    if (detail) lines.push(el('p', 'detail', {}, detail))
    if (sdk) return lines
    const deadline = this.#deadline(status, cat)
    if (deadline) lines.push(deadline)
    if (status.renewalPending === true) {
      const pending = el('p', 'pending')
      pending.append(el('span', 'dot', { 'aria-hidden': 'true' }), cat.renewalPending)
      lines.push(pending)
    }
    return lines
  }

  #deadline(status: BadgeStatus, cat: Catalogue): HTMLElement | undefined {
    const template = isLicenseState(status.state) ? cat.deadline[status.state] : undefined
    if (!template || typeof status.deadline !== 'number' || !Number.isFinite(status.deadline))
      return undefined
    const now = this.#now?.() ?? Date.now()
    const time = el('time', '', {
      datetime: new Date(status.deadline * 1000).toISOString(),
      title: formatFull(status.deadline, this.locale, this.#timeZone),
    })
    time.textContent = formatDeadline(status.deadline, this.locale, now, this.#timeZone)
    const p = el('p', 'deadline')
    const [before = '', after = ''] = fill(template, { date: '\u0000' }).split('\u0000')
    p.append(before, time, after)
    return p
  }
}

/** One native button per action the catalogue can label (or, with `modelText`, the SDK labels). */
function buttons(status: BadgeStatus, cat: Catalogue): HTMLElement[] {
  return (status.actions ?? []).flatMap((action) => {
    const label = Object.hasOwn(cat.actions, action.id)
      ? cat.actions[action.id]
      : cat.modelText
        ? action.label
        : undefined
    return label ? [el('button', '', { type: 'button', 'data-action': action.id }, label)] : []
  })
}

/**
 * Swaps children only when the rendered markup differs, so re-setting an equal status does not
 * make a screen reader announce it again, and a focused button keeps its focus.
 */
function replaceIfChanged(parent: HTMLElement, children: Node[]): void {
  const holder = document.createElement('div')
  holder.append(...children)
  if (holder.innerHTML !== parent.innerHTML) parent.replaceChildren(...Array.from(holder.childNodes))
}

function el(tag: string, className: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const node = document.createElement(tag)
  if (className) node.className = className
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value)
  if (text !== undefined) node.textContent = text
  return node
}

let sheet: CSSStyleSheet | undefined

/** Constructable stylesheets: shared by every badge and allowed under a strict style-src CSP. */
function adoptStyles(root: ShadowRoot): void {
  if (
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    if (!sheet) {
      sheet = new CSSStyleSheet()
      sheet.replaceSync(BADGE_CSS)
    }
    root.adoptedStyleSheets = [sheet]
  } else {
    const style = document.createElement('style')
    style.textContent = BADGE_CSS
    root.append(style)
  }
}

/** Registers `<tessera-status>` once (safe to call twice, and a no-op outside a browser). */
export function defineTesseraStatus(name = 'tessera-status'): void {
  if (typeof customElements === 'undefined' || customElements.get(name)) return
  customElements.define(name, name === 'tessera-status' ? TesseraStatus : class extends TesseraStatus {})
}

declare global {
  interface HTMLElementTagNameMap {
    'tessera-status': TesseraStatus
  }
  interface HTMLElementEventMap {
    'tessera-action': CustomEvent<TesseraActionDetail>
  }
}
