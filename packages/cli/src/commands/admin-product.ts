import { adminRequest, JSON_OPTION, list, requiredFlag, SERVER_OPTION, TOKEN_OPTION } from '../admin-api.js'
import type { Command } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { printJson } from '../output.js'

export const ADMIN_OPTIONS = { server: SERVER_OPTION, token: TOKEN_OPTION, json: JSON_OPTION } as const

export const productCreateCommand: Command = {
  name: 'admin product create',
  summary: 'define a product, its features and the essential ones kept in limited mode',
  options: {
    ...ADMIN_OPTIONS,
    id: { type: 'string', description: 'product id (e.g. demo)' },
    name: { type: 'string', description: 'display name' },
    features: { type: 'string', description: 'comma-separated feature ids' },
    essential: { type: 'string', description: 'comma-separated essential features (subset of --features)' },
  },
  example:
    'tessera admin product create --id cad --name "CAD Studio" --features view,edit,export --essential view',
  async run(input) {
    const id = requiredFlag(input, 'id')
    const product = await adminRequest(input, 'POST', '/v1/admin/products', {
      id,
      name: (input.values.name as string | undefined) ?? id,
      features: list(input.values.features) ?? [],
      essential: list(input.values.essential) ?? [],
    })
    if (input.values.json) printJson(input.io, product)
    else input.io.stdout(`Created product ${id}\n`)
    return EXIT.OK
  },
}
