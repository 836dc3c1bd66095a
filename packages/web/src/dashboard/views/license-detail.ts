import { seg } from '../api.js'
import type { ViewContext } from '../app.js'
import { h } from '../dom.js'
import { when } from '../format.js'
import { type DeviceRecord, type LicenseRecord, toLicense } from '../records.js'
import { confirmDialog, errorBox, facts, licenseTone, pill, section, table } from '../ui.js'

const REVOKE_EFFECT =
  'Online devices lock at their next contact. Offline devices keep their current lease until it and its grace period end.'

/** One license with its devices; revoke the license or one device after a confirmation step. */
export async function licenseDetailView(ctx: ViewContext, id = ''): Promise<HTMLElement> {
  const license = toLicense(await ctx.api.get(`/v1/admin/licenses/${seg(id)}`))
  const error = h('div', { class: 'action-error' })
  const act = async (run: () => Promise<unknown>, done: string) => {
    error.replaceChildren()
    try {
      await run()
      ctx.refresh()
      ctx.notify(done)
    } catch (err) {
      error.replaceChildren(errorBox(err))
    }
  }

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

  const revokeDevice = async (device: DeviceRecord) => {
    const reason = await confirmDialog({
      title: `Revoke device ${short(device.deviceId)}?`,
      body: h('p', {}, `The device loses its seat on ${license.id}. ${REVOKE_EFFECT}`),
      confirmLabel: 'Revoke device',
      danger: true,
      reason: { label: 'Reason (recorded in the audit log)', value: 'lost device' },
    })
    if (reason === null) return
    await act(
      () =>
        ctx.api.post(`/v1/admin/licenses/${seg(license.id)}/devices/${seg(device.deviceId)}/revoke`, {
          reason: reason || 'unspecified',
        }),
      `Device ${short(device.deviceId)} revoked.`,
    )
  }

  return h(
    'div',
    { class: 'license-detail' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/licenses' }, 'Licenses'), ' / ', license.id),
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
    section('Devices', devicesTable(license, revokeDevice)),
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
    h('code', { title: d.deviceId }, short(d.deviceId)),
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

/** A device id (43-character thumbprint) shortened for display; the full id is in the title. */
function short(id: string): string {
  return id.length > 16 ? `${id.slice(0, 12)}…` : id
}
