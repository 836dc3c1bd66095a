import { ApiError } from './api.js'
import { type Child, h } from './dom.js'

/** A status pill; `tone` picks the colour (calm for ok/info, red only for `bad`). */
export function pill(text: string, tone: 'ok' | 'info' | 'warn' | 'bad' | 'muted' = 'muted'): HTMLElement {
  return h('span', { class: `pill pill-${tone}` }, text)
}

export function licenseTone(status: string): 'ok' | 'warn' | 'bad' | 'muted' {
  if (status === 'active') return 'ok'
  if (status === 'suspended') return 'warn'
  if (status === 'revoked') return 'bad'
  return 'muted'
}

export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'panel' }, h('h2', {}, title), ...children)
}

/** A definition list from [term, value] pairs. */
export function facts(rows: [string, Child][]): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  )
}

export function table(headers: string[], rows: Child[][], caption?: string): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      caption ? h('caption', { class: 'sr-only' }, caption) : null,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((x) => h('th', { scope: 'col' }, x)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((cells) =>
          h(
            'tr',
            {},
            cells.map((c) => h('td', {}, c)),
          ),
        ),
      ),
    ),
  )
}

/** A readable explanation of a failed call, for an inline error box. */
export function explain(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'FORBIDDEN_SCOPE') return `This admin token is not allowed to do that (${err.message}).`
    if (err.code === 'NETWORK') return 'The license server could not be reached. Check that it is running.'
    if (err.status === 404) return `Not found: ${err.message}`
    return `${err.message} (${err.code})`
  }
  return 'Something went wrong in the page. Reload it and try again.'
}

export function errorBox(err: unknown): HTMLElement {
  return h('div', { class: 'error-box', role: 'alert' }, explain(err))
}

export interface ConfirmOptions {
  title: string
  body: Child
  confirmLabel: string
  danger?: boolean
  /** An optional free-text reason field (name `reason`). */
  reason?: { label: string; value: string }
}

/**
 * A modal confirmation (native <dialog>: the page behind is inert, focus stays inside and Escape
 * cancels). Focus returns to the control that opened it. Resolves with the reason text (or '')
 * when confirmed, null when cancelled.
 */
export function confirmDialog(options: ConfirmOptions): Promise<string | null> {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
  return new Promise((resolve) => {
    const reason = options.reason
      ? h('input', {
          id: 'confirm-reason',
          name: 'reason',
          value: options.reason.value,
          required: true,
          maxlength: 64,
          // The server's rule for reasons (a short code or phrase, recorded in the audit log).
          pattern: '[A-Za-z0-9][A-Za-z0-9 _.,:\\(\\)\\/\\-]*',
          title: 'Letters, digits, spaces and _ . , : ( ) / - (up to 64)',
        })
      : null
    const dialog = h(
      'dialog',
      { class: 'confirm', 'aria-labelledby': 'confirm-title' },
      h(
        'form',
        { method: 'dialog' },
        h('h2', { id: 'confirm-title' }, options.title),
        h('div', { class: 'confirm-body' }, options.body),
        reason ? h('label', { for: 'confirm-reason' }, options.reason!.label) : null,
        reason,
        h(
          'div',
          { class: 'buttons' },
          h(
            'button',
            { type: 'submit', value: 'cancel', class: 'secondary', formnovalidate: true },
            'Cancel',
          ),
          h(
            'button',
            { type: 'submit', value: 'confirm', class: options.danger ? 'danger' : 'primary' },
            options.confirmLabel,
          ),
        ),
      ),
    ) as HTMLDialogElement
    dialog.addEventListener('close', () => {
      const confirmed = dialog.returnValue === 'confirm'
      dialog.remove()
      if (opener?.isConnected) opener.focus()
      resolve(confirmed ? ((reason as HTMLInputElement | null)?.value.trim() ?? '') : null)
    })
    document.body.append(dialog)
    dialog.showModal()
    ;(reason ?? dialog.querySelector<HTMLButtonElement>('button.secondary'))?.focus()
  })
}
