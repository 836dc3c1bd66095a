import { seg } from '../api.js'
import type { ViewContext } from '../app.js'
import { h } from '../dom.js'
import { when } from '../format.js'
import { type DeviceDetailRecord, toDeviceDetail } from '../records.js'
import { facts, licenseTone, pill } from '../ui.js'
import { actionRunner, leasesTable, revokeDevice, shortId } from './device-parts.js'

type Binding = DeviceDetailRecord['bindings'][number]

/**
 * One device: its seat on each license it is registered on (usually one), the license, the
 * newest leases, its last contact and its revocation; revoke it after a confirmation step.
 */
export async function deviceDetailView(ctx: ViewContext, id = ''): Promise<HTMLElement> {
  const detail = toDeviceDetail(await ctx.api.get(`/v1/admin/devices/${seg(id)}`))
  const error = h('div', { class: 'action-error' })
  const act = actionRunner(ctx, error)
  return h(
    'div',
    { class: 'device-detail' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/licenses' }, 'Search'), ' / ', shortId(detail.deviceId)),
    h(
      'div',
      { class: 'title-row' },
      h('h1', {}, 'Device ', h('code', { title: detail.deviceId }, shortId(detail.deviceId))),
    ),
    error,
    h(
      'section',
      { class: 'panel' },
      h('h2', {}, 'Device'),
      facts([
        ['Device id', h('code', { class: 'wrap' }, detail.deviceId)],
        ['Last contact', when(detail.lastSeenAt)],
        ['Licenses', String(detail.bindings.length)],
      ]),
    ),
    detail.bindings.map((b) =>
      bindingPanel(b, () => void revokeDevice(ctx, act, b.license.id, detail.deviceId)),
    ),
  )
}

function bindingPanel(b: Binding, revoke: () => void): HTMLElement {
  const { license, device, revocation } = b
  const revocable = device.status === 'active' && license.status !== 'revoked'
  return h(
    'section',
    { class: 'panel binding', 'data-license': license.id, 'data-device-status': device.status },
    h(
      'div',
      { class: 'title-row' },
      h(
        'h2',
        {},
        'On license ',
        h('a', { href: `#/licenses/${encodeURIComponent(license.id)}` }, license.id),
      ),
      h(
        'span',
        { class: 'device-status' },
        pill(
          device.status,
          device.status === 'active' ? 'ok' : device.status === 'revoked' ? 'bad' : 'muted',
        ),
      ),
      revocable
        ? h(
            'button',
            { type: 'button', class: 'danger', 'data-action': 'revoke-device', onclick: revoke },
            'Revoke device…',
          )
        : null,
    ),
    facts([
      ['License status', pill(license.status, licenseTone(license.status))],
      ['Product', license.productId ?? '—'],
      ['Edition', license.edition ?? '—'],
      ['Activated', when(device.activatedAt)],
      ['Last seen', when(device.lastSeenAt)],
      [
        'Fingerprint components',
        device.fingerprintComponents === undefined ? '—' : String(device.fingerprintComponents),
      ],
      ...(device.deactivatedAt
        ? ([['Seat given back', when(device.deactivatedAt)]] as [string, string][])
        : []),
      [
        'Revocation',
        revocation
          ? h(
              'span',
              { 'data-revocation': revocation.reason },
              `${revocation.reason} · ${when(revocation.createdAt)}${revocation.seq ? ` · list entry #${revocation.seq}` : ''}`,
            )
          : 'not revoked',
      ],
    ]),
    h('h3', {}, 'Leases'),
    leasesTable(b.leases, `Leases of this device on ${license.id}`, false),
  )
}
