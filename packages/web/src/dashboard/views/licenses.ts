import type { ViewContext } from '../app.js'
import { h } from '../dom.js'
import { when } from '../format.js'
import { listOf, toLicense } from '../records.js'
import { licenseTone, pill, table } from '../ui.js'

const STATUSES = ['', 'active', 'suspended', 'revoked']

/**
 * License search: `q` matches a license id prefix or owner reference (the server decides), a
 * device id jumps straight to its license when the server resolves it. Filters live in the hash,
 * so a search can be bookmarked and the back button works.
 */
export async function licensesView(ctx: ViewContext): Promise<HTMLElement> {
  const q = ctx.params.get('q') ?? ''
  const status = ctx.params.get('status') ?? ''
  const query = new URLSearchParams({ limit: '50' })
  if (q) query.set('q', q)
  if (status) query.set('status', status)
  const answer = await ctx.api.get<{ total?: number }>(`/v1/admin/licenses?${query}`)
  const licenses = listOf(answer, 'licenses').map(toLicense)
  const total = typeof answer?.total === 'number' ? answer.total : licenses.length

  const input = h('input', {
    id: 'license-q',
    name: 'q',
    type: 'search',
    value: q,
    placeholder: 'lic_… or owner reference',
  })
  const select = h(
    'select',
    { id: 'license-status', name: 'status' },
    STATUSES.map((s) => h('option', { value: s, selected: s === status }, s || 'any status')),
  )
  const form = h(
    'form',
    { class: 'search', role: 'search' },
    h('label', { for: 'license-q' }, 'Search licenses'),
    input,
    h('label', { for: 'license-status', class: 'sr-only' }, 'Status'),
    select,
    h('button', { type: 'submit', class: 'primary' }, 'Search'),
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const next = new URLSearchParams()
    const text = (input as HTMLInputElement).value.trim()
    if (text) next.set('q', text)
    if ((select as HTMLSelectElement).value) next.set('status', (select as HTMLSelectElement).value)
    ctx.navigate(`#/licenses${next.size ? `?${next}` : ''}`)
  })

  const rows = licenses.map((l) => [
    h('a', { href: `#/licenses/${encodeURIComponent(l.id)}`, 'data-license': l.id }, l.id),
    l.productId ?? '—',
    l.edition ?? '—',
    pill(l.status, licenseTone(l.status)),
    String(l.seats ?? '—'),
    l.ownerRef ?? '—',
    when(l.createdAt),
  ])
  return h(
    'div',
    {},
    h('h1', {}, 'Licenses'),
    form,
    rows.length
      ? h('p', { class: 'muted', id: 'license-count' }, `Showing ${rows.length} of ${total}.`)
      : null,
    rows.length
      ? h(
          'div',
          { class: 'panel' },
          table(
            ['License', 'Product', 'Edition', 'Status', 'Seats', 'Owner ref', 'Created'],
            rows,
            'Licenses found',
          ),
        )
      : h('p', { class: 'empty' }, q || status ? 'No license matches this search.' : 'No licenses yet.'),
  )
}
