import { adminRequest, intFlag, requiredFlag } from '../admin-api.js'
import { usageError } from '../cli-error.js'
import type { Command, CommandInput, OptionSpec } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { printJson } from '../output.js'
import { ADMIN_OPTIONS } from './admin-product.js'

const DAY = 86_400
const PARAM_OPTIONS: Record<string, OptionSpec> = {
  'offline-days': { type: 'string', description: 'offline window in days (default 7)' },
  'renew-days': { type: 'string', description: 'renew after this many days (default 3)' },
  'grace-days': { type: 'string', description: 'grace after the window (default 3)' },
  fallback: {
    type: 'string',
    description: 'after grace: limited (essential features) or deny (default limited)',
  },
  'max-devices': { type: 'string', description: 'device cap, 0 = the license seats (default 0)' },
  'fingerprint-match': { type: 'string', description: 'fingerprint components that must match (default 3)' },
  transfers: { type: 'string', description: 'seat moves allowed, 0 = unlimited (default 3)' },
  'transfer-cooldown-days': { type: 'string', description: 'days between two moves (default 0)' },
  'access-ttl': { type: 'string', description: 'access token lifetime in seconds (default 3600)' },
  'check-in-hours': { type: 'string', description: 'expected check-in interval (default 24)' },
}

/** Policy parameters from flags, in the server's units (seconds). */
function params(input: CommandInput) {
  const v = input.values
  const fallback = (v.fallback as string | undefined) ?? 'limited'
  if (fallback !== 'limited' && fallback !== 'deny') throw usageError('--fallback must be limited or deny')
  return {
    offlineWindow: intFlag(v, 'offline-days', 7)! * DAY,
    renewAfter: intFlag(v, 'renew-days', 3)! * DAY,
    grace: intFlag(v, 'grace-days', 3)! * DAY,
    fallback,
    accessTokenTtl: intFlag(v, 'access-ttl', 3600)!,
    maxDevices: intFlag(v, 'max-devices', 0)!,
    fingerprintMatch: intFlag(v, 'fingerprint-match', 3)!,
    transfers: { max: intFlag(v, 'transfers', 3)!, cooldown: intFlag(v, 'transfer-cooldown-days', 0)! * DAY },
    checkIn: intFlag(v, 'check-in-hours', 24)! * 3600,
  }
}

function report(input: CommandInput, value: Record<string, unknown>, text: string): number {
  if (input.values.json) printJson(input.io, value)
  else input.io.stdout(`${text}\n`)
  return EXIT.OK
}

export const policyCreateCommand: Command = {
  name: 'admin policy create',
  summary: 'create a policy (version 1) for a product',
  options: {
    ...ADMIN_OPTIONS,
    product: { type: 'string', description: 'product id' },
    name: { type: 'string', description: 'policy name' },
    ...PARAM_OPTIONS,
  },
  example:
    'tessera admin policy create --product demo --name "7 days offline" --offline-days 7 --grace-days 3',
  async run(input) {
    const product = requiredFlag(input, 'product')
    const body = {
      product,
      name: (input.values.name as string | undefined) ?? `${product} policy`,
      params: params(input),
    }
    const policy = await adminRequest(input, 'POST', '/v1/admin/policies', body)
    return report(input, policy, `Created policy ${policy.id} (version ${policy.version})`)
  },
}

export const policyVersionCommand: Command = {
  name: 'admin policy version',
  summary: 'add a new immutable version to a policy (takes effect through a rollout)',
  options: { ...ADMIN_OPTIONS, policy: { type: 'string', description: 'policy id' }, ...PARAM_OPTIONS },
  example: 'tessera admin policy version --policy pol_x --offline-days 14',
  async run(input) {
    const id = requiredFlag(input, 'policy')
    const version = await adminRequest(
      input,
      'POST',
      `/v1/admin/policies/${encodeURIComponent(id)}/versions`,
      { params: params(input) },
    )
    return report(
      input,
      version,
      `Created version ${version.version} of ${id}; roll it out with tessera admin policy rollout`,
    )
  },
}

export const policyRolloutCommand: Command = {
  name: 'admin policy rollout',
  summary: 'move a deterministic percentage of licenses to a policy version',
  options: {
    ...ADMIN_OPTIONS,
    policy: { type: 'string', description: 'policy id' },
    version: { type: 'string', description: 'target version' },
    percent: { type: 'string', description: '0..100' },
  },
  example: 'tessera admin policy rollout --policy pol_x --version 2 --percent 10',
  async run(input) {
    const id = requiredFlag(input, 'policy')
    const percent = intFlag(input.values, 'percent')
    const version = intFlag(input.values, 'version')
    if (percent === undefined || percent > 100 || version === undefined)
      throw usageError('--version and --percent (0..100) are required')
    const rollout = await adminRequest(
      input,
      'POST',
      `/v1/admin/policies/${encodeURIComponent(id)}/rollout`,
      { version, percent },
    )
    return report(input, rollout, `Rolling out version ${version} of ${id} to ${percent}% of licenses`)
  },
}

export const policyRollbackCommand: Command = {
  name: 'admin policy rollback',
  summary: 'return every license of a policy to the version before the rollout',
  options: { ...ADMIN_OPTIONS, policy: { type: 'string', description: 'policy id' } },
  example: 'tessera admin policy rollback --policy pol_x',
  async run(input) {
    const id = requiredFlag(input, 'policy')
    const rollout = await adminRequest(
      input,
      'POST',
      `/v1/admin/policies/${encodeURIComponent(id)}/rollback`,
      {},
    )
    return report(input, rollout, `Rolled back ${id}`)
  },
}
