import { seg } from '../api.js'
import type { ViewContext } from '../app.js'
import { h } from '../dom.js'
import { when } from '../format.js'
import { type DeviceRecord, type LicenseRecord, toLicense } from '../records.js'
import { confirmDialog, facts, licenseTone, pill, section, table } from '../ui.js'
import { actionRunner, deviceLink, leasesTable, REVOKE_EFFECT, revokeDevice } from './device-parts.js'

/** One license with its devices and newest leases; revoke the license or one device after a confirmation step. */
export async function licenseDetailView(ctx: ViewContext, id = ''): Promise<HTMLElement> {
  const license = toLicense(await ctx.api.get(`/v1/admin/licenses/${seg(id)}`))
  const error = h('div', { class: 'action-error' })
  const act = actionRunner(ctx, error)

  const revokeLicense = async () => {
    const reason = await confirmDialog({
      title: `Revoke license ${license.id}?`,
      body: h('p', {}, `This cannot be undone. ${REVOKE_EFFECT}`),
      confirmLabel: 'Revoke license',
      danger: true,
      reason: { label: 'Reason (recorded in the audit log)', value: 'refund' },
    })
    if (reason === null) return
    await act(
      () => ctx.api.post(`/v1/admin/licenses/${seg(license.id)}/revoke`, { reason: reason || 'unspecified' }),
      `License ${license.id} revoked.`,
    )
  }

  return h(
    'div',
    { class: 'license-detail' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/licenses' }, 'Search'), ' / ', license.id),
    h(
      'div',
      { class: 'title-row' },
      h('h1', {}, 'License ', h('code', {}, license.id)),
      h('span', { id: 'license-status' }, pill(license.status, licenseTone(license.status))),
      license.status === 'revoked'
        ? null
        : h(
            'button',
            { type: 'button', class: 'danger', id: 'revoke-license', onclick: revokeLicense },
            'Revoke license…',
          ),
    ),
    error,
    section('Details', licenseFacts(license)),
    section(
      'Devices',
      devicesTable(license, (d) => void revokeDevice(ctx, act, license.id, d.deviceId)),
    ),
    h(
      'section',
      { class: 'panel', 'data-section': 'leases' },
      h('h2', {}, 'Leases'),
      h(
        'p',
        { class: 'muted' },
        'The newest leases the server issued on this license (activations and renewals).',
      ),
      leasesTable(license.leases, 'Leases of this license', true),
    ),
  )
}

function licenseFacts(l: LicenseRecord): HTMLElement {
  return facts([
    ['Product', l.productId ?? '—'],
    ['Edition', l.edition ?? '—'],
    ['Features', l.features?.join(', ') || '—'],
    [
      'Seats',
      `${l.seatsInUse ?? l.devices.filter((d) => d.status === 'active').length} of ${l.seats ?? '—'} in use`,
    ],
    [
      'Policy',
      l.policyId
        ? [h('a', { href: '#/policies' }, l.policyId), l.policyVersion ? ` (version ${l.policyVersion})` : '']
        : '—',
    ],
    ['Owner reference', l.ownerRef ?? '—'],
    ['Key ends with', l.keyHint ? h('code', {}, l.keyHint) : '—'],
    ['Expires', l.expiresAt ? when(l.expiresAt) : 'never (perpetual)'],
    ['Created', when(l.createdAt)],
    ...(l.revokedReason ? ([['Revocation reason', l.revokedReason]] as [string, string][]) : []),
  ])
}

function devicesTable(l: LicenseRecord, revoke: (d: DeviceRecord) => void): HTMLElement {
  if (l.devices.length === 0) return h('p', { class: 'empty' }, 'No device has activated this license yet.')
  const rows = l.devices.map((d) => [
    deviceLink(d.deviceId),
    pill(d.status, d.status === 'active' ? 'ok' : d.status === 'revoked' ? 'bad' : 'muted'),
    when(d.activatedAt),
    when(d.lastSeenAt),
    d.status === 'active' && l.status !== 'revoked'
      ? h(
          'button',
          { type: 'button', class: 'secondary small', 'data-device': d.deviceId, onclick: () => revoke(d) },
          'Revoke…',
        )
      : (d.revokedReason ?? ''),
  ])
  return table(['Device', 'Status', 'Activated', 'Last seen', ''], rows, 'Devices of this license')
}
