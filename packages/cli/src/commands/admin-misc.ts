import { readFile, writeFile } from 'node:fs/promises'
import { adminRequest, list, requiredArg } from '../admin-api.js'
import { CliError, usageError } from '../cli-error.js'
import type { Command } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { paint, printJson } from '../output.js'
import { ADMIN_OPTIONS } from './admin-product.js'

export const auditVerifyCommand: Command = {
  name: 'admin audit verify',
  summary: 'recompute the hash chain of the audit log; exit 1 if a row was edited or deleted',
  options: ADMIN_OPTIONS,
  example: 'tessera admin audit verify',
  async run(input) {
    const result = await adminRequest<{ ok: boolean; rows: number; firstBadSeq?: number; problem?: string }>(
      input,
      'GET',
      '/v1/admin/audit/verify',
    )
    if (input.values.json) printJson(input.io, result)
    if (!result.ok)
      throw new CliError(
        'AUDIT_CHAIN_BROKEN',
        `audit log tampered at row ${result.firstBadSeq} (${result.problem})`,
      )
    if (!input.values.json)
      input.io.stdout(`${paint(input.io, 'green', 'ok')}: ${result.rows} audit rows, chain intact\n`)
    return EXIT.OK
  },
}

export const offlineRespondCommand: Command = {
  name: 'admin offline respond',
  summary: 'answer an air-gapped activation/renewal request file',
  args: 'REQUEST_FILE',
  options: {
    ...ADMIN_OPTIONS,
    out: { type: 'string', description: 'response file to write (default: stdout)' },
  },
  example: 'tessera admin offline respond request.tessera --out response.tessera',
  async run(input) {
    const file = requiredArg(input, 0, 'REQUEST_FILE')
    const request = (
      await readFile(file, 'utf8').catch(() => {
        throw usageError(`cannot read ${file}`)
      })
    ).trim()
    const { response } = await adminRequest<{ response: string }>(
      input,
      'POST',
      '/v1/admin/offline/respond',
      { request },
    )
    if (typeof input.values.out === 'string') {
      await writeFile(input.values.out, `${response}\n`)
      input.io.stdout(`Wrote ${input.values.out}: carry it to the machine and run tessera offline import\n`)
    } else {
      input.io.stdout(`${response}\n`)
    }
    return EXIT.OK
  },
}

export const tokenCreateCommand: Command = {
  name: 'admin token create',
  summary: 'create an operator token with scopes (printed once)',
  options: {
    ...ADMIN_OPTIONS,
    label: { type: 'string', description: 'what it is for' },
    scopes: { type: 'string', description: 'comma-separated: read,write,revoke,admin' },
  },
  example: 'tessera admin token create --label support --scopes read,revoke',
  async run(input) {
    const scopes = list(input.values.scopes)
    if (!scopes?.length) throw usageError('--scopes is required (read, write, revoke, admin)')
    const created = await adminRequest<{ id: string; token: string }>(input, 'POST', '/v1/admin/tokens', {
      label: (input.values.label as string | undefined) ?? 'cli',
      scopes,
    })
    if (input.values.json) printJson(input.io, created)
    else input.io.stdout(`Token ${created.id} (shown once): ${paint(input.io, 'bold', created.token)}\n`)
    return EXIT.OK
  },
}
