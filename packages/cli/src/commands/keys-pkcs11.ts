import { ed25519Jwk, jwkThumbprint } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { requiredFlag } from '../admin-api.js'
import { usageError } from '../cli-error.js'
import type { Command } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { printJson, withProgress } from '../output.js'
import { refusePinValue } from '../pkcs11-flag.js'

export const keysPkcs11GenerateCommand: Command = {
  name: 'keys pkcs11-generate',
  summary: 'create an Ed25519 signing key inside an HSM (PKCS#11); prints its kid and public key',
  options: {
    uri: {
      type: 'string',
      description: 'pkcs11: URI of the token and key (PIN from TESSERA_PKCS11_PIN or pin-source=)',
    },
    label: { type: 'string', description: 'the key’s label (CKA_LABEL), unless the URI has object=' },
    json: { type: 'boolean', description: 'print { kid, uri, publicJwk } as JSON' },
  },
  example:
    "TESSERA_PKCS11_PIN=… tessera keys pkcs11-generate --uri 'pkcs11:token=prod?module-path=/usr/lib/softhsm/libsofthsm2.so' --label lease-2",
  async run(input) {
    await refusePinValue(requiredFlag(input, 'uri'), '--uri')
    const uri = withLabel(requiredFlag(input, 'uri'), input.values.label as string | undefined)
    const { generatePkcs11Key, redactPkcs11Uri } = await import('@tessera/server')
    const key = await withProgress(input.io, 'generating the key in the HSM', () =>
      generatePkcs11Key(uri, { env: input.io.env }),
    )
    const publicJwk = ed25519Jwk(key.publicKey)
    // The kid `keys next-keyset --add-pkcs11` gives this key: 48 bits of its RFC 7638 thumbprint.
    const kid = jwkThumbprint(publicJwk, nodeCrypto).slice(0, 8)
    const shown = redactPkcs11Uri(uri)
    if (input.values.json) {
      printJson(input.io, { kid, uri: shown, publicJwk })
      return EXIT.OK
    }
    input.io.stdout(`Created Ed25519 key ${kid} in the HSM (private part non-extractable)
public key: ${JSON.stringify(publicJwk)}
Use it: tessera keys next-keyset --add-pkcs11 '${shown}' --out next.json
    or: tessera init --pkcs11 '${shown}'   (a new data directory signing with it)
The server needs the PIN too: TESSERA_PKCS11_PIN, or pin-source= in the URI.
`)
    return EXIT.OK
  },
}

/** Adds `object=LABEL` to the URI's path; the URI must name the key one way or the other. */
function withLabel(uri: string, label: string | undefined): string {
  if (!uri.toLowerCase().startsWith('pkcs11:')) throw usageError('--uri must be a pkcs11: URI')
  const q = uri.indexOf('?')
  const path = q < 0 ? uri : uri.slice(0, q)
  const query = q < 0 ? '' : uri.slice(q)
  const named = /[:;](object|id)=/.test(path)
  if (label === undefined) {
    if (!named) throw usageError('name the key: --label NAME, or object= in the URI')
    return uri
  }
  if (/[:;]object=/.test(path)) throw usageError('give the label once: --label or object= in the URI')
  const separator = path.endsWith(':') || path.endsWith(';') ? '' : ';'
  return `${path}${separator}object=${encodeURIComponent(label)}${query}`
}
