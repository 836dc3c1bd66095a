import type { ServerContext } from '../../context.js'
import { HttpProblem } from '../../http/problem.js'
import type { Device, DeviceQuery, DeviceStatus } from '../../storage/index.js'
import { findLicenseByKeyText } from './licenses.js'
import { deviceView, leaseView, licenseView, revocationView } from './views.js'

/** Leases shown per license on a device page: the newest ones. */
const RECENT_LEASES = 20

export interface DeviceSearch {
  /** A device id prefix, a license id, or a license key (found by its hash). */
  q?: string
  status?: DeviceStatus
  limit?: number
  offset?: number
}

/** Devices across licenses: by device id prefix, by license id or by license key; most recently seen first. */
export async function searchDevices(ctx: ServerContext, search: DeviceSearch) {
  const limit = search.limit ?? 50
  const offset = search.offset ?? 0
  const query: DeviceQuery = search.status ? { status: search.status } : {}
  const q = search.q?.trim()
  if (q) {
    const byKey = await findLicenseByKeyText(ctx, q)
    if (byKey === undefined) return { devices: [], total: 0, limit, offset }
    if (byKey) query.licenseId = byKey.id
    else query.search = q
  }
  const [rows, total] = await Promise.all([
    ctx.storage.searchDevices({ ...query, limit, offset }),
    ctx.storage.countDevices(query),
  ])
  return { devices: rows.map(deviceEntry), total, limit, offset }
}

/**
 * A device id with every license it is registered on: the seat, the license, its newest leases
 * and its revocation. A device key normally holds one license; the same key on several licenses
 * (several products, or a transfer back) gives one entry each.
 */
export async function showDevice(ctx: ServerContext, deviceId: string) {
  const seats = await ctx.storage.findDevice(deviceId)
  if (seats.length === 0) throw new HttpProblem('DEVICE_NOT_FOUND', 'no license has this device')
  const bindings = await Promise.all(
    seats.map(async (device) => {
      const [license, leases, revocation] = await Promise.all([
        ctx.storage.getLicense(device.licenseId),
        ctx.storage.listLeases({ licenseId: device.licenseId, deviceId, limit: RECENT_LEASES }),
        ctx.storage.getRevocation('device', device.licenseId, deviceId),
      ])
      if (!license) throw new HttpProblem('INTERNAL', 'a device of a missing license')
      return {
        license: licenseView(license),
        device: deviceView(device),
        leases: leases.map(leaseView),
        revocation: revocation ? revocationView(revocation) : null,
      }
    }),
  )
  return { deviceId, lastSeenAt: Math.max(...seats.map((d) => d.lastSeenAt)), bindings }
}

const deviceEntry = (d: Device) => ({ licenseId: d.licenseId, ...deviceView(d) })
