import { ApiError } from '../api.js'
import type { ViewContext } from '../app.js'
import { h } from '../dom.js'
import { when } from '../format.js'
import { type DeviceRecord, type LicenseRecord, listOf, toDevice, toLicense } from '../records.js'
import { errorBox, licenseTone, pill, table } from '../ui.js'
import { deviceLink } from './device-parts.js'

const STATUSES = ['', 'active', 'suspended', 'revoked']
/** What the device search accepts (the server answers 400 to anything else). */
const DEVICE_QUERY = /^[A-Za-z0-9_ -]{1,128}$/

type Found<T> = { items: T[]; total: number } | { error: unknown } | { skipped: string }

/** Devices matching `q`; none asked for without a query (listing every device costs a scan and a count). */
function deviceSearch(ctx: ViewContext, q: string): Promise<Found<DeviceRecord>> | Found<DeviceRecord> {
  if (!q) return { skipped: 'Search for a device id, a license id or a license key to list devices.' }
  if (!DEVICE_QUERY.test(q))
    return { skipped: 'Device search takes a device id, a license id or a license key.' }
  return found(
    ctx.api.get(`/v1/admin/devices?${new URLSearchParams({ q, limit: '50' })}`),
    'devices',
    toDevice,
  )
}

/**
 * One search box for licenses and devices. The server decides what `q` matches: for licenses a
 * license key (by its hash), a license id prefix (`lic_…`) or an exact owner reference; for
 * devices a device id prefix, a license id or a license key. Both lists are shown, so a device id
 * finds the device (and its page names its license). Filters live in the hash, so a search can be
 * bookmarked and the back button works.
 */
export async function licensesView(ctx: ViewContext): Promise<HTMLElement> {
  const q = ctx.params.get('q') ?? ''
  const status = ctx.params.get('status') ?? ''
  const query = new URLSearchParams({ limit: '50' })
  if (q) query.set('q', q)
  if (status) query.set('status', status)
  const [licenses, devices] = await Promise.all([
    found(ctx.api.get(`/v1/admin/licenses?${query}`), 'licenses', toLicense),
    deviceSearch(ctx, q),
  ])
  return h(
    'div',
    {},
    h('h1', {}, 'Licenses and devices'),
    searchForm(ctx, q, status),
    h(
      'section',
      { class: 'panel', 'data-results': 'licenses' },
      h('h2', {}, 'Licenses'),
      licenseResults(licenses, q || status),
    ),
    h(
      'section',
      { class: 'panel', 'data-results': 'devices' },
      h('h2', {}, q ? 'Devices' : 'Devices seen most recently'),
      deviceResults(devices, q),
    ),
  )
}

/** One list's answer; a 401 still ends the session (the app handles it), other errors stay in their panel. */
async function found<T>(
  answer: Promise<unknown>,
  name: string,
  read: (raw: unknown) => T,
): Promise<Found<T>> {
  try {
    const raw = (await answer) as { total?: unknown }
    const items = listOf(raw, name).map(read)
    return { items, total: typeof raw?.total === 'number' ? raw.total : items.length }
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) throw err
    return { error: err }
  }
}

function searchForm(ctx: ViewContext, q: string, status: string): HTMLElement {
  const input = h('input', {
    id: 'search-q',
    name: 'q',
    type: 'search',
    value: q,
    placeholder: 'license key, lic_…, owner reference or device id',
    'aria-describedby': 'search-help',
  }) as HTMLInputElement
  const select = h(
    'select',
    { id: 'license-status-filter', name: 'status' },
    STATUSES.map((s) => h('option', { value: s, selected: s === status }, s || 'any license status')),
  ) as HTMLSelectElement
  const form = h(
    'form',
    { class: 'search', role: 'search' },
    h('label', { for: 'search-q' }, 'Search'),
    input,
    h('label', { for: 'license-status-filter', class: 'sr-only' }, 'License status'),
    select,
    h('button', { type: 'submit', class: 'primary' }, 'Search'),
    h(
      'p',
      { id: 'search-help', class: 'help' },
      'Finds licenses and devices: a license key, a license id, an owner reference or the start of a device id.',
    ),
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const next = new URLSearchParams()
    const text = input.value.trim()
    if (text) next.set('q', text)
    if (select.value) next.set('status', select.value)
    ctx.navigate(`#/licenses${next.size ? `?${next}` : ''}`)
  })
  return form
}

function licenseResults(result: Found<LicenseRecord>, filtered: string): HTMLElement {
  if ('error' in result) return errorBox(result.error)
  if ('skipped' in result) return h('p', { class: 'empty' }, result.skipped)
  if (result.items.length === 0)
    return h('p', { class: 'empty' }, filtered ? 'No license matches this search.' : 'No licenses yet.')
  const rows = result.items.map((l) => [
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
    h('p', { class: 'muted', id: 'license-count' }, `Showing ${rows.length} of ${result.total}.`),
    table(
      ['License', 'Product', 'Edition', 'Status', 'Seats', 'Owner ref', 'Created'],
      rows,
      'Licenses found',
    ),
  )
}

function deviceResults(result: Found<DeviceRecord>, q: string): HTMLElement {
  if ('error' in result) return errorBox(result.error)
  if ('skipped' in result) return h('p', { class: 'empty' }, result.skipped)
  if (result.items.length === 0)
    return h('p', { class: 'empty' }, q ? 'No device matches this search.' : 'No device has activated yet.')
  const rows = result.items.map((d) => [
    deviceLink(d.deviceId),
    d.licenseId ? h('a', { href: `#/licenses/${encodeURIComponent(d.licenseId)}` }, d.licenseId) : '—',
    pill(d.status, d.status === 'active' ? 'ok' : d.status === 'revoked' ? 'bad' : 'muted'),
    when(d.activatedAt),
    when(d.lastSeenAt),
  ])
  return h(
    'div',
    {},
    h('p', { class: 'muted', id: 'device-count' }, `Showing ${rows.length} of ${result.total}.`),
    table(['Device', 'License', 'Status', 'Activated', 'Last seen'], rows, 'Devices found'),
  )
}
