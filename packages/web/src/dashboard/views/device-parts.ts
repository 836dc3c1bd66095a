import { seg } from '../api.js'
import type { ViewContext } from '../app.js'
import { h } from '../dom.js'
import { when } from '../format.js'
import type { LeaseRecord } from '../records.js'
import { confirmDialog, errorBox, pill, table } from '../ui.js'

/** What a revocation does, said in every confirmation. */
export const REVOKE_EFFECT =
  'Online devices lock at their next contact. Offline devices keep their current lease until it and its grace period end.'

/** A device id (43-character thumbprint) shortened for display; the full id goes in a title. */
export function shortId(id: string): string {
  return id.length > 16 ? `${id.slice(0, 12)}…` : id
}

/** A link to a device's page, showing its short id. */
export function deviceLink(id: string): HTMLElement {
  return h(
    'a',
    { href: `#/devices/${encodeURIComponent(id)}`, title: id, 'data-device-link': id },
    h('code', {}, shortId(id)),
  )
}

/** Leases newest first: id, device (optional), policy version, issued, end of grace, revoked. */
export function leasesTable(leases: LeaseRecord[], caption: string, withDevice: boolean): HTMLElement {
  if (leases.length === 0) return h('p', { class: 'empty' }, 'No lease issued yet.')
  const rows = leases.map((l) => [
    h('code', { title: l.jti }, shortId(l.jti)),
    withDevice ? deviceLink(l.deviceId) : null,
    l.policyVersion === undefined ? '—' : `v${l.policyVersion}`,
    when(l.issuedAt),
    when(l.expiresAt),
    l.revokedAt === null ? pill('valid', 'ok') : [pill('revoked', 'bad'), ` ${when(l.revokedAt)}`],
  ])
  const headers = ['Lease', 'Device', 'Policy', 'Issued', 'Grace ends', 'Status'].filter(
    (x) => withDevice || x !== 'Device',
  )
  return table(
    headers,
    rows.map((cells) => cells.filter((c) => c !== null)),
    caption,
  )
}

/**
 * Runs an operator action and shows its outcome: the view is re-rendered and the notice says
 * what happened, or the error box says why it failed.
 */
export function actionRunner(ctx: ViewContext, error: HTMLElement) {
  return async (run: () => Promise<unknown>, done: string) => {
    error.replaceChildren()
    try {
      await run()
      ctx.refresh()
      ctx.notify(done)
    } catch (err) {
      error.replaceChildren(errorBox(err))
    }
  }
}

/** Revokes a device's seat on a license after a confirmation step (with a reason for the audit log). */
export async function revokeDevice(
  ctx: ViewContext,
  act: ReturnType<typeof actionRunner>,
  licenseId: string,
  deviceId: string,
): Promise<void> {
  const reason = await confirmDialog({
    title: `Revoke device ${shortId(deviceId)}?`,
    body: h('p', {}, `The device loses its seat on ${licenseId} for good. ${REVOKE_EFFECT}`),
    confirmLabel: 'Revoke device',
    danger: true,
    reason: { label: 'Reason (recorded in the audit log)', value: 'lost device' },
  })
  if (reason === null) return
  await act(
    () =>
      ctx.api.post(`/v1/admin/licenses/${seg(licenseId)}/devices/${seg(deviceId)}/revoke`, {
        reason: reason || 'unspecified',
      }),
    `Device ${shortId(deviceId)} revoked.`,
  )
}
