import { adminRequest, requiredArg } from '../admin-api.js'
import type { Command, CommandInput } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { printJson } from '../output.js'
import { ADMIN_OPTIONS } from './admin-product.js'

/** POSTs a revocation with its reason code; `--json` prints the server's answer. */
export async function revoke(input: CommandInput, path: string, reason: string): Promise<void> {
  const result = await adminRequest(input, 'POST', path, { reason })
  if (input.values.json) printJson(input.io, result)
}

/** A `revoke ID` verb: one positional id, an optional `--reason`, one admin endpoint. */
function revokeCommand(spec: {
  name: string
  summary: string
  args: string
  what: string
  collection: string
  reasonHint: string
  example: string
}): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    args: spec.args,
    options: {
      ...ADMIN_OPTIONS,
      reason: { type: 'string', description: `reason code, e.g. ${spec.reasonHint}` },
    },
    example: spec.example,
    async run(input) {
      const id = requiredArg(input, 0, spec.args)
      const reason = (input.values.reason as string | undefined) ?? 'unspecified'
      await revoke(input, `/v1/admin/${spec.collection}/${encodeURIComponent(id)}/revoke`, reason)
      if (!input.values.json) input.io.stdout(`Revoked ${spec.what} ${id}\n`)
      return EXIT.OK
    },
  }
}

export const licenseRevokeCommand = revokeCommand({
  name: 'admin license revoke',
  summary: 'revoke a license: online devices lock at their next contact, offline ones by exp + grace',
  args: 'LICENSE_ID',
  what: 'license',
  collection: 'licenses',
  reasonHint: 'refund, chargeback',
  example: 'tessera admin license revoke lic_abc --reason refund',
})

export const leaseRevokeCommand = revokeCommand({
  name: 'admin lease revoke',
  summary: 'revoke one lease (by its jti): its device locks at its next contact, the license stays valid',
  args: 'JTI',
  what: 'lease',
  collection: 'leases',
  reasonHint: 'compromised',
  example: 'tessera admin lease revoke lea_abc --reason compromised',
})
