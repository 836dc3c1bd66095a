import { adminRequest, intFlag, list, requiredArg, requiredFlag } from '../admin-api.js'
import { usageError } from '../cli-error.js'
import type { Command, CommandInput } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { cell, fields, table, when } from '../format.js'
import { paint, printJson } from '../output.js'
import { ADMIN_OPTIONS } from './admin-product.js'

export const licenseCreateCommand: Command = {
  name: 'admin license create',
  summary: 'sell a license; prints its activation key once',
  options: {
    ...ADMIN_OPTIONS,
    product: { type: 'string', description: 'product id' },
    policy: { type: 'string', description: 'policy id' },
    seats: { type: 'string', description: 'devices at once (default 1)' },
    features: { type: 'string', description: 'comma-separated features (default: the edition’s)' },
    edition: { type: 'string', description: 'edition id' },
    owner: { type: 'string', description: 'opaque account reference (never an e-mail)' },
    expires: { type: 'string', description: 'subscription end, YYYY-MM-DD (default: perpetual)' },
  },
  example:
    'tessera admin license create --product demo --policy pol_x --seats 5 --features view,export --json',
  async run(input) {
    const body: Record<string, unknown> = {
      product: requiredFlag(input, 'product'),
      policy: requiredFlag(input, 'policy'),
    }
    const seats = intFlag(input.values, 'seats')
    if (seats !== undefined) body.seats = seats
    if (input.values.features !== undefined) body.features = list(input.values.features)
    if (typeof input.values.edition === 'string') body.edition = input.values.edition
    if (typeof input.values.owner === 'string') body.ownerRef = input.values.owner
    if (typeof input.values.expires === 'string') body.expiresAt = dateToEpoch(input.values.expires)
    const created = await adminRequest<{ id: string; key: string }>(input, 'POST', '/v1/admin/licenses', body)
    if (input.values.json) printJson(input.io, { id: created.id, key: created.key })
    else
      input.io.stdout(
        `License ${created.id}\nActivation key (shown once): ${paint(input.io, 'bold', created.key)}\n`,
      )
    return EXIT.OK
  },
}

export const licenseShowCommand: Command = {
  name: 'admin license show',
  summary: 'a license with its devices',
  args: 'LICENSE_ID',
  options: ADMIN_OPTIONS,
  example: 'tessera admin license show lic_abc --json',
  async run(input) {
    const id = requiredArg(input, 0, 'LICENSE_ID')
    const license = await adminRequest<LicenseDetail>(
      input,
      'GET',
      `/v1/admin/licenses/${encodeURIComponent(id)}`,
    )
    if (input.values.json) printJson(input.io, license)
    else printLicense(input, license)
    return EXIT.OK
  },
}

type Row = Record<string, unknown>
type LicenseDetail = Row & { devices?: Row[]; leases?: Row[] }

function printLicense(input: CommandInput, l: LicenseDetail): void {
  input.io.stdout(
    fields([
      ['license', `${cell(l.id)} (${cell(l.status)}${l.revokedReason ? `: ${l.revokedReason}` : ''})`],
      ['product', cell(l.productId)],
      ['policy', `${cell(l.policyId)} version ${cell(l.policyVersion)}`],
      ['edition', cell(l.edition)],
      ['features', cell(l.features)],
      ['seats', `${cell(l.seatsInUse)} of ${cell(l.seats)} in use`],
      ['owner', cell(l.ownerRef)],
      ['key', `…${cell(l.keyHint)}`],
      ['expires', l.expiresAt === null ? 'never' : when(l.expiresAt)],
      ['created', when(l.createdAt)],
    ]),
  )
  input.io.stdout('devices:\n')
  input.io.stdout(deviceTable(l.devices ?? []))
  input.io.stdout('leases (newest first):\n')
  input.io.stdout(
    table(l.leases ?? [], [
      ['JTI', (r) => cell(r.jti)],
      ['DEVICE', (r) => cell(r.deviceId)],
      ['ISSUED', (r) => when(r.issuedAt)],
      ['EXPIRES', (r) => when(r.expiresAt)],
      ['REVOKED', (r) => when(r.revokedAt)],
    ]),
  )
}

/** Devices of a license, one line each (`admin license show`, `admin device list`). */
export function deviceTable(devices: readonly Row[]): string {
  return table(devices, [
    ['DEVICE', (r) => cell(r.deviceId)],
    ['STATUS', (r) => `${cell(r.status)}${r.revokedReason ? ` (${r.revokedReason})` : ''}`],
    ['ACTIVATED', (r) => when(r.activatedAt)],
    ['LAST SEEN', (r) => when(r.lastSeenAt)],
  ])
}

export const licenseListCommand: Command = {
  name: 'admin license list',
  summary: 'search licenses',
  options: {
    ...ADMIN_OPTIONS,
    product: { type: 'string', description: 'product id' },
    status: { type: 'string', description: 'active|suspended|revoked' },
    q: { type: 'string', description: 'license id prefix or owner reference' },
  },
  example: 'tessera admin license list --product demo --status active',
  async run(input) {
    const query = new URLSearchParams()
    for (const name of ['product', 'status', 'q']) {
      const value = input.values[name]
      if (typeof value === 'string') query.set(name, value)
    }
    const found = await adminRequest<{ licenses?: Row[]; total?: number }>(
      input,
      'GET',
      `/v1/admin/licenses?${query}`,
    )
    if (input.values.json) {
      printJson(input.io, found)
      return EXIT.OK
    }
    const rows = found.licenses ?? []
    input.io.stdout(
      table(rows, [
        ['ID', (r) => cell(r.id)],
        ['PRODUCT', (r) => cell(r.productId)],
        ['STATUS', (r) => cell(r.status)],
        ['SEATS', (r) => cell(r.seats)],
        ['EDITION', (r) => cell(r.edition)],
        ['OWNER', (r) => cell(r.ownerRef)],
        ['EXPIRES', (r) => (r.expiresAt === null ? 'never' : when(r.expiresAt))],
      ]),
    )
    input.io.stdout(`${rows.length} of ${cell(found.total)} licenses\n`)
    return EXIT.OK
  },
}

function dateToEpoch(text: string): number {
  const ms = Date.parse(`${text}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(ms))
    throw usageError('--expires must be a date YYYY-MM-DD')
  return ms / 1000
}
